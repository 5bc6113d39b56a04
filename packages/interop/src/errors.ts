import { BackpropError, type BackpropErrorCode } from '@backprop/core';
import { brandErrorClass, isBranded } from './brand.js';

/**
 * An ONNX file that cannot become a {@link @backprop/core!Network | Network}: malformed protobuf, an operator or attribute
 * outside the supported feed-forward subset, tensors of the wrong shape, non-finite or absurdly large
 * tensors. `argument` names the place (`node "Conv_3"`, `initializer "fc1.weight"`, `bytes`).
 * @example try { fromOnnx(bytes) } catch (e) { if (e instanceof OnnxImportError) console.error(e.message) }
 * @prelude const bytes = new Uint8Array([1, 2, 3]); // not an ONNX file
 */
export class OnnxImportError extends BackpropError {
  static {
    brandErrorClass(OnnxImportError, 'OnnxImportError');
  }

  /** True for errors of this class from any copy of `@backprop/interop` loaded in the program. */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never) => T, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too)
    return isBranded(this, value);
  }

  override readonly name: string = 'OnnxImportError';
}

/** A safetensors file (or the architecture given for it) that cannot become a {@link @backprop/core!Network | Network}. */
export class SafetensorsError extends BackpropError {
  static {
    brandErrorClass(SafetensorsError, 'SafetensorsError');
  }

  /** True for errors of this class from any copy of `@backprop/interop` loaded in the program. */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never) => T, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too)
    return isBranded(this, value);
  }

  override readonly name: string = 'SafetensorsError';
}

/** The operators {@link fromOnnx} understands, for error messages and the README. */
export const SUPPORTED_ONNX_OPS = [
  'Gemm',
  'MatMul',
  'Add',
  'Relu',
  'LeakyRelu',
  'Tanh',
  'Sigmoid',
  'Softmax',
  'LogSoftmax',
  'Softplus',
  'Gelu',
  'Elu',
  'Identity',
  'Flatten',
  'Sub',
  'Div',
  'Constant',
  'Mul',
  'Erf',
  'Cast',
  'Reshape',
  'Shape',
  'Gather',
  'Unsqueeze',
  'Concat',
  'BatchNormalization',
] as const;

/** Throws an {@link OnnxImportError}; typed `never` so checks read as one line. */
export function onnxFail(code: BackpropErrorCode, argument: string, expected: string, actual: string): never {
  throw new OnnxImportError(code, argument, expected, actual);
}

/** Throws a {@link SafetensorsError}. */
export function safetensorsFail(code: BackpropErrorCode, argument: string, expected: string, actual: string): never {
  throw new SafetensorsError(code, argument, expected, actual);
}
