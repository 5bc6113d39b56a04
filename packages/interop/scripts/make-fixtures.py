#!/usr/bin/python3
"""Writes the ONNX import fixtures under packages/interop/fixtures/ (committed, so tests need no PyTorch).

Optional tool: run with Debian's PyTorch and ONNX (`apt-get install python3-torch python3-onnx`):
    /usr/bin/python3 packages/interop/scripts/make-fixtures.py
Each <name>.onnx gets a <name>.json with fixed inputs and the outputs PyTorch (or numpy) computed for them,
so the tests compare fromOnnx(...).predict against the exporting framework's own numbers.
"""
import json
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def save_expected(name, x, y, note):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"note": note, "inputs": x.tolist(), "outputs": y.tolist()}, f)
        f.write("\n")


def export_torch(name, model, n_in, note, batch=5):
    model.eval()
    x = torch.randn(batch, n_in)
    with torch.no_grad():
        y = model(x)
    torch.onnx.export(
        model, x, os.path.join(OUT, name + ".onnx"), opset_version=13,
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
    )
    save_expected(name, x.numpy(), y.numpy(), f"torch {torch.__version__} torch.onnx.export, opset 13: {note}")


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
    tf2onnx_style()
