#!/usr/bin/python3
"""Writes the ONNX import fixtures under packages/interop/fixtures/ (committed, so tests need no PyTorch).

Optional tool: run with Debian's PyTorch and ONNX (`apt-get install python3-torch python3-onnx`):
    /usr/bin/python3 packages/interop/scripts/make-fixtures.py
Each <name>.onnx gets a <name>.json with fixed inputs and the outputs PyTorch (or numpy) computed for them,
so the tests compare fromOnnx(...).predict against the exporting framework's own numbers.
"""
import json
import os

import struct

import numpy as np
import torch
from torch import nn

try:  # only tf2onnx_style() needs the onnx package (apt-get install python3-onnx)
    import onnx
    from onnx import TensorProto, helper
except ImportError:
    onnx = None

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def save_expected(name, x, y, note):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"note": note, "inputs": x.tolist(), "outputs": y.tolist()}, f)
        f.write("\n")


def export_torch(name, model, n_in, note, batch=5, opset=13):
    model.eval()
    x = torch.randn(batch, *n_in) if isinstance(n_in, tuple) else torch.randn(batch, n_in)
    with torch.no_grad():
        y = model(x)
    torch.onnx.export(
        model, x, os.path.join(OUT, name + ".onnx"), opset_version=opset,
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
    )
    save_expected(name, x.numpy(), y.numpy(), f"torch {torch.__version__} torch.onnx.export, opset {opset}: {note}")


class MnistNet(nn.Module):
    """The classic MNIST example, scaled down: x.view(-1, n), fc1 / fc2, log_softmax output."""

    def __init__(self, n=12):
        super().__init__()
        self.n = n
        self.fc1 = nn.Linear(n, 10)
        self.fc2 = nn.Linear(10, 4)

    def forward(self, x):
        x = x.view(-1, self.n)
        x = torch.relu(self.fc1(x))
        return torch.log_softmax(self.fc2(x), dim=1)


class SizeFlatten(nn.Module):
    """x.view(x.size(0), -1) on a [N, 3, 4] input, then an MLP with eval-mode BatchNorm1d after a Linear."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(12, 8)
        self.bn1 = nn.BatchNorm1d(8)
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x):
        x = x.view(x.size(0), -1)
        return self.fc2(torch.relu(self.bn1(self.fc1(x))))


def trained_batchnorm(bn, seed):
    """Non-trivial running statistics and affine parameters, as after training."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        bn.running_mean.copy_(torch.randn(bn.num_features, generator=g))
        bn.running_var.copy_(torch.rand(bn.num_features, generator=g) * 2 + 0.2)
        bn.weight.copy_(torch.randn(bn.num_features, generator=g))
        bn.bias.copy_(torch.randn(bn.num_features, generator=g))
    return bn


def save_safetensors(name, state, note, x=None, y=None):
    """state_dict -> safetensors written by hand (the format is 8 bytes + JSON header + raw little-endian data)."""
    header, chunks, offset = {}, [], 0
    for k, v in state.items():
        data = v.detach().contiguous().numpy().astype("<f4").tobytes()
        header[k] = {"dtype": "F32", "shape": list(v.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(os.path.join(OUT, name + ".safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
    if x is not None:
        save_expected(name, x.numpy(), y.numpy(), f"torch {torch.__version__} state_dict: {note}")


def pytorch_as_people_write_it():
    torch.manual_seed(16)
    export_torch("torch_mnist_view_logsoftmax", MnistNet(), 12, "MNIST-style Net: x.view(-1, 12), relu(fc1), log_softmax(fc2, dim=1)")
    model = SizeFlatten()
    trained_batchnorm(model.bn1, 1)
    export_torch("torch_size_view_batchnorm", model, (3, 4), "x.view(x.size(0), -1) on [N, 3, 4], fc1, BatchNorm1d (eval), relu, fc2")
    export_torch("torch_batchnorm_input", nn.Sequential(trained_batchnorm(nn.BatchNorm1d(5), 2), nn.Linear(5, 6), nn.Tanh(), nn.Linear(6, 2)), 5,
                 "Sequential(BatchNorm1d(5) (eval) on the input, Linear, Tanh, Linear)")
    export_torch("torch_gelu_silu_opset13", nn.Sequential(nn.Linear(4, 7), nn.GELU(), nn.Linear(7, 5), nn.SiLU(), nn.Linear(5, 3), nn.Softmax(dim=1)), 4,
                 "Sequential(Linear, GELU, Linear, SiLU, Linear, Softmax): GELU as Div/Erf/Add/Mul/Mul, SiLU as Sigmoid/Mul")
    export_torch("torch_gelu_tanh", nn.Sequential(nn.Linear(3, 4), nn.GELU(approximate="tanh"), nn.Linear(4, 2)), 3,
                 "Sequential(Linear, GELU(approximate='tanh'), Linear): the tanh approximation, which fromOnnx must refuse")
    export_torch("torch_hardswish_after_view", nn.Sequential(nn.Flatten(), nn.Linear(6, 4), nn.Hardswish(), nn.Linear(4, 2)), (2, 3),
                 "Sequential(Flatten, Linear, Hardswish, Linear): the error must name HardSwish, not a Constant")
    # state_dicts with the names people give their modules.
    x = torch.randn(5, 12)
    net = MnistNet().eval()
    with torch.no_grad():
        save_safetensors("state_fc_names", net.state_dict(), "MnistNet (fc1, fc2; relu; log_softmax)", x, torch.exp(net(x)))

    class Layers(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(3, 5), nn.Linear(5, 5), nn.Linear(5, 5), nn.Linear(5, 5), nn.Linear(5, 5),
                                         nn.Linear(5, 5), nn.Linear(5, 5), nn.Linear(5, 5), nn.Linear(5, 5), nn.Linear(5, 5),
                                         nn.Linear(5, 5), nn.Linear(5, 2)])

        def forward(self, x):
            for layer in self.layers[:-1]:
                x = torch.tanh(layer(x))
            return self.layers[-1](x)

    m = Layers().eval()
    x = torch.randn(5, 3)
    with torch.no_grad():
        save_safetensors("state_layers_list", m.state_dict(), "ModuleList layers.0 ... layers.11 (tanh; linear output)", x, m(x))
    seq = nn.Module()
    seq.net = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 6), nn.ReLU(), nn.Linear(6, 3))
    x = torch.randn(5, 4)
    with torch.no_grad():
        save_safetensors("state_net_sequential", seq.state_dict(), "net = Sequential(Linear, ReLU, Linear, ReLU, Linear) (softmax applied by the test)", x, torch.softmax(seq.net(x), dim=1))


def tf2onnx_style():
    """A Keras Dense stack as tf2onnx writes it: MatMul with W stored fan-in x units, then Add, weights as float_data."""
    rng = np.random.default_rng(3)
    W1 = rng.standard_normal((4, 6)).astype(np.float32)
    b1 = rng.standard_normal(6).astype(np.float32)
    W2 = rng.standard_normal((6, 3)).astype(np.float32)
    b2 = rng.standard_normal(3).astype(np.float32)
    t = lambda n, a: helper.make_tensor(n, TensorProto.FLOAT, a.shape, a.flatten().tolist())  # float_data
    nodes = [
        helper.make_node("MatMul", ["dense_input", "W1"], ["mm1"], name="sequential/dense/MatMul"),
        helper.make_node("Add", ["mm1", "b1"], ["add1"], name="sequential/dense/BiasAdd"),
        helper.make_node("Relu", ["add1"], ["relu1"], name="sequential/dense/Relu"),
        helper.make_node("MatMul", ["relu1", "W2"], ["mm2"], name="sequential/dense_1/MatMul"),
        helper.make_node("Add", ["b2", "mm2"], ["add2"], name="sequential/dense_1/BiasAdd"),
        helper.make_node("Softmax", ["add2"], ["dense_1"], name="sequential/dense_1/Softmax", axis=-1),
    ]
    f = lambda n, shape: helper.make_tensor_value_info(n, TensorProto.FLOAT, shape)
    graph = helper.make_graph(nodes, "tf2onnx", [f("dense_input", ["unk__6", 4])], [f("dense_1", ["unk__7", 3])],
                              [t("W1", W1), t("b1", b1), t("W2", W2), t("b2", b2)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="tf2onnx-layout")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, "tf2onnx_dense_relu_softmax.onnx"))
    x = rng.standard_normal((5, 4)).astype(np.float32)
    a = np.maximum(x @ W1 + b1, 0) @ W2 + b2
    e = np.exp(a - a.max(axis=1, keepdims=True))
    save_expected("tf2onnx_dense_relu_softmax", x, e / e.sum(axis=1, keepdims=True),
                  f"onnx {onnx.__version__} helper in tf2onnx's layout (MatMul + Add, float_data); outputs from numpy")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    export_torch("torch_relu_tanh_softmax", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 6), nn.Tanh(), nn.Linear(6, 3), nn.Softmax(dim=-1)), 4,
                 "Sequential(Linear(4, 8), ReLU, Linear(8, 6), Tanh, Linear(6, 3), Softmax(dim=-1))")
    export_torch("torch_flatten_leaky_sigmoid", nn.Sequential(nn.Flatten(), nn.Linear(5, 7), nn.LeakyReLU(), nn.Linear(7, 1), nn.Sigmoid()), 5,
                 "Sequential(Flatten, Linear(5, 7), LeakyReLU(0.01), Linear(7, 1), Sigmoid)")
    export_torch("torch_elu_softplus_linear", nn.Sequential(nn.Linear(3, 5), nn.ELU(), nn.Linear(5, 4), nn.Softplus(), nn.Linear(4, 2)), 3,
                 "Sequential(Linear(3, 5), ELU, Linear(5, 4), Softplus, Linear(4, 2)): regression")
    export_torch("torch_unsupported_relu6", nn.Sequential(nn.Linear(3, 4), nn.ReLU6(), nn.Linear(4, 2)), 3,
                 "Sequential(Linear, ReLU6, Linear): ReLU6 exports as Clip, which fromOnnx must reject")
    export_torch("torch_leaky_0_2", nn.Sequential(nn.Linear(3, 4), nn.LeakyReLU(0.2), nn.Linear(4, 2)), 3,
                 "Sequential(Linear, LeakyReLU(0.2), Linear): a slope the core does not have")
    if onnx is not None:
        tf2onnx_style()
    pytorch_as_people_write_it()
