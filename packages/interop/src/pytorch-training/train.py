#!/usr/bin/env python3
"""Continue a backprop training run in PyTorch: one process, or data-parallel (DistributedDataParallel).

Written by `backprop export --format pytorch` (or @backprop/interop's toPytorchTraining). This folder holds
  model.safetensors      the weights, named as nn.Sequential's state_dict (0.weight, 0.bias, 2.weight, ...)
  optimizer.safetensors  torch.optim's per-parameter state (momentum_buffer, sum, square_avg, exp_avg, ...)
  training.json          everything else: optimizer and schedule, position, shuffling state, history
and this script, which trains exactly as backprop's core does (same batches, same loss, same update), then
writes the three files back in the same layout, so `backprop import DIR --out checkpoint.json` continues.

    python3 train.py --steps 100                      # 100 more update steps, one process
    python3 train.py --epochs 50 --processes 4        # on to epoch 50, 4 processes (gloo on CPU, NCCL on GPUs)
    torchrun --nproc_per_node 4 train.py --epochs 50  # the same through torchrun, where torchrun works

Data: --x X.npy --y Y.npy, or --csv FILE (header row; the input and target columns named in training.json),
the training rows as backprop saw them (the same order; raw values: the stored scaler is applied here).
Needs PyTorch >= 1.13 and numpy only: the safetensors files are read and written by the few lines below.
"""
import argparse
import csv
import json
import math
import os
import socket
import struct
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
FORMAT = "backprop-pytorch-training"

# ---------------------------------------------------------------------------------------------- files
_DTYPES = {"F64": torch.float64, "F32": torch.float32, "I64": torch.int64}


def load_tensors(path):
    """A safetensors file as ({name: tensor}, metadata)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {}) or {}
    body = data[8 + n:]
    tensors = {}
    for name, e in header.items():
        begin, end = e["data_offsets"]
        t = torch.frombuffer(bytearray(body[begin:end]), dtype=_DTYPES[e["dtype"]]) if end > begin else torch.zeros(0, dtype=_DTYPES[e["dtype"]])
        tensors[name] = t.reshape(e["shape"]).clone()
    return tensors, meta


def save_tensors(path, tensors, meta):
    """Writes safetensors (sorted names, 8-byte aligned header) through a temporary file and a rename."""
    names = sorted(tensors)
    header, chunks, offset = {"__metadata__": meta}, [], 0
    for name in names:
        t = tensors[name].detach().cpu().contiguous()
        raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<"), copy=False).tobytes()
        code = {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * (-len(text.encode("utf-8")) % 8)
    write_atomic(path, struct.pack("<Q", len(text.encode("utf-8"))) + text.encode("utf-8") + b"".join(chunks))


def write_atomic(path, data):
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------------------- model
ACTIVATIONS = {
    "logistic": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "linear": nn.Identity,
    "leaky-relu": lambda: nn.LeakyReLU(0.01), "softplus": nn.Softplus, "elu": lambda: nn.ELU(1.0),
}


def build_module(arch):
    """nn.Sequential(Linear, activation, Linear, ..., Linear): the output function lives in the loss."""
    layers, fan_in = [], arch["inputs"]
    for layer in arch["layers"]:
        layers += [nn.Linear(fan_in, layer["units"]), ACTIVATIONS[layer["activation"]]()]
        fan_in = layer["units"]
    layers.append(nn.Linear(fan_in, arch["output"]["units"]))
    return nn.Sequential(*layers)


def output_fn(fn, a):
    if fn == "softmax":
        return torch.softmax(a, dim=1)
    return torch.sigmoid(a) if fn == "logistic" else a


TINY = 1e-300  # the smallest probability a non-natural pair takes the log of (as the core)


def sample_losses(fn, loss, a, y):
    """Per-sample loss, summed over outputs (the core's convention: no factor 1/2), from the logits a_L."""
    if loss == "squared-error":
        return ((output_fn(fn, a) - y) ** 2).sum(dim=1)
    if fn == "softmax":
        log_p = torch.log_softmax(a, dim=1)
    elif fn == "logistic":
        log_p = nn.functional.logsigmoid(a)
    else:
        log_p = torch.log(torch.clamp(a, min=TINY))
    zero = torch.zeros_like(a)
    terms = torch.where(y != 0, -y * log_p, zero)  # 0 * log 0 = 0, as the core
    if loss == "binary-cross-entropy":
        if fn == "logistic":
            log_q = nn.functional.logsigmoid(-a)
        else:
            log_q = torch.log(torch.clamp(1 - output_fn(fn, a), min=TINY))
        terms = terms + torch.where(y != 1, -(1 - y) * log_q, zero)
    return terms.sum(dim=1)


def classes_of(m):
    """Class per row: argmax (first maximum), or m >= 0.5 for one column."""
    return (m[:, 0] >= 0.5).long() if m.shape[1] == 1 else torch.argmax(m, dim=1)


# ---------------------------------------------------------------------------------------------- state
class Rng:
    """The core's sfc32 generator, bit for bit, so every epoch is shuffled exactly as backprop shuffles it."""

    def __init__(self, state):
        self.a, self.b, self.c, self.d = (int(x) & 0xFFFFFFFF for x in state)

    def state(self):
        return [self.a, self.b, self.c, self.d]

    def next_u32(self):
        m = 0xFFFFFFFF
        t = (self.a + self.b + self.d) & m
        self.d = (self.d + 1) & m
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & m
        self.c = ((self.c << 21) | (self.c >> 11)) & m
        self.c = (self.c + t) & m
        return t

    def int(self, n):
        return math.floor((self.next_u32() / 4294967296.0) * n)  # the same float64 operations as JavaScript


def shuffled(n, rng):
    """Fisher-Yates, as the core's shuffleInPlace."""
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.int(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def learning_rate(s, base, epoch):
    """The core's schedules (per epoch e, on the base rate); their torch.optim.lr_scheduler twins are in training.json."""
    c = s["config"]
    if c["name"] == "step":
        return base * c["factor"] ** (epoch // c["every"])
    if c["name"] == "exponential":
        return base * c["factor"] ** epoch
    if c["name"] == "cosine":
        t, T = epoch, c["period"]
        if c["restarts"]:
            while t >= T:
                t, T = t - T, T * c["periodMultiplier"]
        elif t >= T:
            return c["minLearningRate"]
        return c["minLearningRate"] + (base - c["minLearningRate"]) * (1 + math.cos(math.pi * t / T)) / 2
    if c["name"] == "plateau":
        return max(base * s["state"]["scale"], min(c["minLearningRate"], base))
    return base


def plateau_observe(s, value, base):
    """Reduce-on-plateau's bookkeeping after each epoch, as the core's (patience counts epochs without improvement)."""
    c, st = s["config"], s["state"]
    sign = -1 if c["monitor"].endswith("accuracy") else 1
    if st["cooldown"] > 0:
        st["cooldown"] -= 1
        st["wait"] = 0
    if st["best"] is None or sign * value < sign * st["best"] - c["minDelta"]:
        st["best"], st["wait"] = value, 0
    elif st["cooldown"] == 0:
        st["wait"] += 1
        if st["wait"] >= c["patience"]:
            st["scale"] = max(st["scale"] * c["factor"], c["minLearningRate"] / base if base > 0 else 0)
            st["cooldown"], st["wait"] = c["cooldown"], 0


# Per optimizer: its torch.optim class and the per-parameter state tensors it keeps (names as in torch).
SLOTS = {"sgd": ["momentum_buffer"], "adagrad": ["sum"], "rmsprop": ["square_avg"], "adam": ["exp_avg", "exp_avg_sq"]}


def slots_of(name):
    return SLOTS["sgd" if name in ("sgd", "momentum", "nesterov") else "adam" if name == "adamw" else name]


def make_optimizer(spec, params, lr):
    """The torch.optim optimizer whose update is the core's (see training.json's optimizer.torch)."""
    cls, kwargs = getattr(torch.optim, spec["torch"]["class"]), dict(spec["torch"]["kwargs"])
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])
    return cls(params, lr=lr, **kwargs)


def load_optimizer_state(opt, spec, named, tensors):
    t = spec["t"]
    for pname, p in named:
        state = {}
        for slot in slots_of(spec["name"]):
            key = f"{pname}.{slot}"
            if key in tensors:
                state[slot] = tensors[key].to(p.dtype).to(p.device).reshape(p.shape).clone()
        if spec["name"] in ("sgd", "momentum", "nesterov"):
            if state:
                opt.state[p] = state
        else:
            if spec["name"] == "adagrad" and "sum" not in state:
                state["sum"] = torch.zeros_like(p)
            if state:
                state["step"] = torch.tensor(float(t))
                opt.state[p] = state


# ---------------------------------------------------------------------------------------------- data
def read_data(csv_file, x_file, y_file, meta, dtype):
    """Rows preprocessed as the core does: the scaler in float64, then the network's dtype; targets as N x nL."""
    cols = meta["columns"]
    if csv_file:
        with open(csv_file, newline="") as f:
            rows = list(csv.DictReader(f))
        x = np.array([[float(r[c]) for c in cols["inputs"]] for r in rows], dtype=np.float64)
        y = [[r[c] for c in cols["targets"]] for r in rows]
    else:
        x = np.load(x_file, allow_pickle=False).astype(np.float64)
        y = np.load(y_file, allow_pickle=False)
        y = y.reshape(len(y), -1).tolist()
    scaler = (meta.get("preprocessing") or {}).get("input")
    if scaler:
        x = (x - np.array(scaler["offset"])) / np.array(scaler["scale"])
    n_out = meta["architecture"]["output"]["units"]
    labels = (meta.get("preprocessing") or {}).get("labels")
    Y = np.zeros((len(y), n_out), dtype=np.float64)
    for r, row in enumerate(y):
        if len(row) == n_out and not (len(row) == 1 and labels):
            Y[r] = [float(v) for v in row]
        else:  # one class per row: a label name, or a class index
            v = row[0]
            c = labels.index(v) if labels and isinstance(v, str) and v in labels else int(float(v))
            if n_out == 1:
                Y[r, 0] = c
            else:
                Y[r, c] = 1.0
    return torch.tensor(x, dtype=dtype), torch.tensor(Y, dtype=dtype)


# ---------------------------------------------------------------------------------------------- training
def train(rank, world, args, port):
    """One process of the run (rank 0 of 1 without --processes / torchrun)."""
    cuda = torch.cuda.is_available() and not args.cpu
    if args.threads:
        torch.set_num_threads(args.threads)
    if world > 1:
        backend = "nccl" if cuda else "gloo"
        if port is None:  # torchrun: RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT come from the environment
            dist.init_process_group(backend, init_method="env://")
        else:
            dist.init_process_group(backend, init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world)
    local = int(os.environ.get("LOCAL_RANK", rank))
    device = torch.device(f"cuda:{local}" if cuda else "cpu")
    with open(os.path.join(args.dir, "training.json")) as f:
        meta = json.load(f)
    if meta.get("format") != FORMAT:
        sys.exit(f"{args.dir}/training.json: not a {FORMAT} file")
    dtype = torch.float64 if meta["architecture"]["dtype"] == "float64" else torch.float32
    arch, st = meta["architecture"], meta["training"]
    module = build_module(arch).to(dtype)
    weights, model_meta = load_tensors(os.path.join(args.dir, "model.safetensors"))
    module.load_state_dict({k: v.to(dtype) for k, v in weights.items()})
    module.to(device)
    named = list(module.named_parameters())
    model = nn.parallel.DistributedDataParallel(module) if world > 1 else module
    opt_spec = st["optimizer"]
    opt = make_optimizer(opt_spec, module.parameters(), st["learningRate"])
    tensors, _ = load_tensors(os.path.join(args.dir, "optimizer.safetensors"))
    load_optimizer_state(opt, opt_spec, named, tensors)

    files = lambda key, x, y: (x or os.path.join(args.dir, meta[key]["x"]), y or os.path.join(args.dir, meta[key]["y"])) if meta.get(key) or (x and y) else (None, None)
    x_file, y_file = files("data", args.x, args.y)
    if not (args.csv or x_file):
        sys.exit("no data: pass --x X.npy --y Y.npy or --csv FILE (the training rows, in the order backprop trained on)")
    x, y = read_data(args.csv, x_file, y_file, meta, dtype)
    vx_file, vy_file = files("validation", args.val_x, args.val_y)
    val = read_data(args.val_csv, vx_file, vy_file, meta, dtype) if args.val_csv or vx_file else None
    if meta.get("earlyStopping") and meta["earlyStopping"]["monitor"].startswith("val-") and val is None:
        sys.exit("early stopping watches the validation set: pass --val-x/--val-y or --val-csv")
    N, B = st["samples"], st["batchSize"]
    if x.shape[0] != N:
        sys.exit(f"the data has {x.shape[0]} rows; the run was trained on N = {N} (the same rows, in the same order)")
    x, y = x.to(device), y.to(device)
    val = tuple(t.to(device) for t in val) if val else None
    fn, loss_name = arch["output"]["fn"], arch["output"]["loss"]
    classify = fn == "softmax" or (fn == "logistic" and arch["output"]["units"] == 1)
    reg, clip_value, clip_norm = meta["regularization"], meta["clipValue"], meta["clipNorm"]
    linears = [m for m in module if isinstance(m, nn.Linear)]
    batches = math.ceil(N / B)
    end_epoch = args.epochs if args.epochs is not None else meta["epochs"]
    meta["epochs"] = max(meta["epochs"], end_epoch)  # the run now ends there (backprop resume's default too)
    budget = args.steps if args.steps is not None else float("inf")
    sched, history, partial = meta["schedule"], st["history"], st["partial"]
    rng, reshuffle, taken = Rng(st["rng"]), st["position"] > 0, 0
    log = open(args.log, "a") if args.log and rank == 0 else None
    started = time.perf_counter()
    stop = False
    while st["epoch"] < end_epoch and taken < budget and not stop:
        if st["position"] == 0 or reshuffle:
            # Each epoch's order depends only on the generator's state at its start (so a resume can rebuild it).
            reshuffle, epoch_rng = False, rng.state()
            order = shuffled(N, rng) if meta["shuffle"] and B < N else list(range(N))
            order = torch.tensor(order, device=device)
        lr = learning_rate(sched, st["learningRate"], st["epoch"])
        for group in opt.param_groups:
            group["lr"] = lr
        while st["position"] < batches and taken < budget:
            # The global batch is rows [from, from + n) of the epoch's order; process r takes every world-th of them.
            start = st["position"] * B
            n = min(B, N - start)
            rows = order[start:start + n][rank::world]
            a = model(x[rows])
            per_sample = sample_losses(fn, loss_name, a, y[rows])
            penalty = penalty_of(linears, reg, dtype, device)
            # Mean over the GLOBAL batch: DDP averages the processes' gradients (÷ world), so each scales by world / n.
            data_loss = per_sample.sum() / n * world if world > 1 else per_sample.sum() / n
            opt.zero_grad(set_to_none=False)
            (data_loss + penalty).backward()
            stats = torch.stack([per_sample.detach().sum(), (classes_of(a.detach()) == classes_of(y[rows])).sum().to(dtype) if classify else penalty.detach() * 0])
            if world > 1:
                dist.all_reduce(stats)
            loss = stats[0].item() / n + penalty.item()
            grads = [p.grad for _, p in named]
            layer_norms = [lin.weight.grad.norm().item() for lin in linears]
            grad_norm = math.sqrt(sum(float((g * g).sum()) for g in grads))
            if not (math.isfinite(loss) and math.isfinite(grad_norm)):
                sys.exit(f"diverged at step {st['iteration'] + 1} (loss {loss}, gradient norm {grad_norm}); nothing written")
            if clip_value is not None:
                for g in grads:
                    g.clamp_(-clip_value, clip_value)
            if clip_norm is not None:
                norm = math.sqrt(sum(float((g * g).sum()) for g in grads)) if clip_value is not None else grad_norm
                if norm > clip_norm:
                    for g in grads:
                        g.mul_(clip_norm / norm)
            opt.step()
            if not all(torch.isfinite(p).all() for _, p in named):
                sys.exit(f"diverged at step {st['iteration'] + 1}: non-finite weights; nothing written")
            st["iteration"] += 1
            st["position"] += 1
            taken += 1
            partial["lossSum"] += loss * n
            partial["seen"] += n
            partial["correct"] += int(stats[1].item()) if classify else 0
            partial["gradNormSums"] = [s + v for s, v in zip(partial["gradNormSums"], layer_norms)]
            if log:
                log.write(json.dumps({"iteration": st["iteration"], "epoch": st["epoch"] + 1, "loss": loss, "learningRate": lr, "gradNorm": grad_norm}) + "\n")
        if st["position"] == batches:
            metrics = epoch_metrics(module, val, partial, penalty_of(linears, reg, dtype, device), fn, loss_name, classify)
            stop = end_of_epoch(st, meta, sched, history, partial, lr, metrics, module, linears, rank)
        st["rng"] = epoch_rng if st["position"] > 0 else rng.state()
    es = meta.get("earlyStopping")
    if stop and es and es["restoreBestWeights"] and st["earlyStopping"]["bestWeights"]:
        set_flat(linears, st["earlyStopping"]["bestWeights"])  # as the core: the best epoch's weights
    opt_spec["t"] += taken
    seconds = time.perf_counter() - started
    if rank == 0:
        print(f"{taken} steps in {seconds:.2f} s on {world} process{'es' if world > 1 else ''} ({taken / max(seconds, 1e-9):.1f} steps/s)")
        save(args.dir, module, model_meta, opt, opt_spec, named, meta, st)
        print(f"epoch {st['epoch']}, step {st['iteration']}: wrote model.safetensors, optimizer.safetensors, training.json in {args.dir}")
    if log:
        log.close()
    if world > 1:
        dist.destroy_process_group()


def penalty_of(linears, reg, dtype, device):
    """Omega = sum_k l1_k |W_k| + l2_k W_k^2 (biases not penalised), as the core."""
    penalty = torch.zeros((), dtype=dtype, device=device)
    for k, lin in enumerate(linears):
        if reg and reg["l1"][k]:
            penalty = penalty + reg["l1"][k] * lin.weight.abs().sum()
        if reg and reg["l2"][k]:
            penalty = penalty + reg["l2"][k] * (lin.weight * lin.weight).sum()
    return penalty


def epoch_metrics(module, val, partial, penalty, fn, loss_name, classify):
    """The epoch's training loss / accuracy (running sums) and the validation set's, after the epoch (+ penalty)."""
    m = {"loss": partial["lossSum"] / partial["seen"], "accuracy": partial["correct"] / partial["seen"] if classify else None}
    if val:
        with torch.no_grad():
            a = module(val[0])
            m["val-loss"] = sample_losses(fn, loss_name, a, val[1]).sum().item() / len(val[0]) + penalty.item()
            m["val-accuracy"] = (classes_of(a) == classes_of(val[1])).sum().item() / len(val[0]) if classify else None
    return m


def flat_of(linears):
    """The core's flat parameters [W_1 ... W_L, b_1 ... b_L] as a list."""
    return [v for lin in linears for v in lin.weight.detach().flatten().tolist()] + [v for lin in linears for v in lin.bias.detach().tolist()]


def set_flat(linears, flat):
    with torch.no_grad():
        at = 0
        for part in ("weight", "bias"):
            for lin in linears:
                t = getattr(lin, part)
                t.copy_(torch.tensor(flat[at:at + t.numel()], dtype=t.dtype).reshape(t.shape))
                at += t.numel()


def end_of_epoch(st, meta, sched, history, partial, lr, m, module, linears, rank):
    """History, early stopping, then the schedule's observation, as the core's epoch end; True to stop early."""
    history["loss"].append(m["loss"])
    history["learningRate"].append(lr)
    if m["accuracy"] is not None:
        history["accuracy"].append(m["accuracy"])
    if "val-loss" in m:
        history["valLoss"].append(m["val-loss"])
        if m["val-accuracy"] is not None:
            history["valAccuracy"].append(m["val-accuracy"])
    stop, es, e = False, meta.get("earlyStopping"), st["earlyStopping"]
    if es:
        value = m[es["monitor"]]
        sign = -1 if es["monitor"].endswith("accuracy") else 1
        if e["best"] is None or sign * value < sign * e["best"] - es["minDelta"]:
            e.update(best=value, wait=0, bestEpoch=st["epoch"] + 1)
            if es["restoreBestWeights"]:
                e["bestWeights"] = flat_of(linears)
        else:
            e["wait"] += 1
            stop = e["wait"] >= es["patience"]
    if sched["config"]["name"] == "plateau":
        plateau_observe(sched, m[sched["config"]["monitor"]], st["learningRate"])
        st["schedule"] = dict(sched["state"], name="plateau")
    st["epoch"] += 1
    st["position"] = 0
    partial.update(lossSum=0, seen=0, correct=0, gradNormSums=[0.0] * len(partial["gradNormSums"]))
    if rank == 0:
        shown = ", ".join(f"{k} {v:.6g}" for k, v in m.items() if v is not None)
        print(f"epoch {st['epoch']}: {shown}, lr {lr:.6g}" + (" (early stopping)" if stop else ""), flush=True)
    return stop


def save(folder, module, model_meta, opt, opt_spec, named, meta, st):
    """Writes the weights and optimizer state first and training.json last: the import checks that all three agree."""
    stamp = {"iteration": str(st["iteration"])}
    save_tensors(os.path.join(folder, "model.safetensors"), module.state_dict(), dict(model_meta, **stamp))
    state = {}
    for pname, p in named:
        for slot, value in opt.state.get(p, {}).items():
            if slot in slots_of(opt_spec["name"]) and value is not None:  # plain SGD keeps momentum_buffer = None
                state[f"{pname}.{slot}"] = value
    save_tensors(os.path.join(folder, "optimizer.safetensors"), state, dict(stamp, optimizer=opt_spec["name"]))
    write_atomic(os.path.join(folder, "training.json"), (json.dumps(meta, indent=1) + "\n").encode("utf-8"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--epochs", type=int, help="train until this epoch (default: training.json's epochs)")
    p.add_argument("--steps", type=int, help="stop after this many more update steps (may end mid-epoch)")
    p.add_argument("--processes", type=int, default=1, help="data-parallel processes (torch.multiprocessing.spawn)")
    p.add_argument("--x", help="inputs, .npy (N x n0); default: training.json's data.x")
    p.add_argument("--y", help="targets, .npy (N x nL, or N class indices); default: training.json's data.y")
    p.add_argument("--csv", help="a CSV file with a header instead of --x/--y (columns as training.json's columns)")
    p.add_argument("--val-x", help="validation inputs, .npy; default: training.json's validation.x")
    p.add_argument("--val-y", help="validation targets, .npy; default: training.json's validation.y")
    p.add_argument("--val-csv", help="the validation set as CSV (same columns as --csv)")
    p.add_argument("--log", help="append one JSON line per update step (iteration, loss, learning rate) to this file")
    p.add_argument("--threads", type=int, help="torch.set_num_threads per process")
    p.add_argument("--cpu", action="store_true", help="stay on the CPU even when CUDA is available")
    p.add_argument("--dir", default=HERE, help="the exported folder (default: this script's)")
    args = p.parse_args()
    with open(os.path.join(args.dir, "training.json")) as f:
        meta = json.load(f)
    if meta.get("format") == FORMAT:  # (train() refuses other files)
        epoch, end = meta["training"]["epoch"], args.epochs if args.epochs is not None else meta["epochs"]
        if epoch >= end:  # said before any process starts, rather than "0 steps"
            sys.exit(f"nothing to train: the run is at epoch {epoch} and ends at epoch {end}; pass --epochs N with N > {epoch} (the run's new end)")
    if "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1:  # started by torchrun
        train(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args, None)
    elif args.processes > 1:
        torch.multiprocessing.spawn(train, args=(args.processes, args, free_port()), nprocs=args.processes)
    else:
        train(0, 1, args, None)


if __name__ == "__main__":
    main()
