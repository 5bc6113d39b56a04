/**
 * TensorFlow.js as a contract-B engine, `model.fit` mode, as ../shared/bench/node/engines/tfjs.js
 * runs it (Glorot-uniform, zero biases, softmax + categorical CE, tf.train.sgd). Loaded only when
 * the dev dependencies are installed; `backend` is `wasm` (XNNPACK SIMD) or `cpu`.
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { TrainConfig } from './harness-engine.js';

// biome-ignore lint/suspicious/noExplicitAny: tfjs is an optional peer, typed loosely on purpose.
type Tf = any;

export interface PeerEngine {
  readonly name: string;
  train(cfg: TrainConfig): Promise<{ predict(x: Float32Array, n: number): ArrayLike<number> }>;
  makeGemm(m: number, k: number, n: number): Promise<{ run(): void; dispose?(): void }>;
}

export async function loadTfjs(backend: 'wasm' | 'cpu'): Promise<PeerEngine | undefined> {
  const require = createRequire(import.meta.url);
  let tf: Tf;
  const { warn, log } = console;
  console.warn = () => {};
  console.log = () => {};
  try {
    tf = require('@tensorflow/tfjs');
    tf.enableProdMode();
    if (backend === 'wasm') {
      const wasm = require('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep);
    }
    await tf.setBackend(backend);
    await tf.ready();
  } catch {
    return undefined;
  } finally {
    console.warn = warn;
    console.log = log;
  }
  return {
    name: `tfjs-${backend}-fit`,
    async train(cfg) {
      const model = tf.sequential();
      cfg.hidden.forEach((units, i) => {
        model.add(tf.layers.dense({ units, activation: cfg.activation, inputShape: i === 0 ? [cfg.inDim] : undefined, kernelInitializer: tf.initializers.glorotUniform({ seed: cfg.seed * 100 + i }), biasInitializer: 'zeros' }));
      });
      model.add(tf.layers.dense({ units: cfg.nClasses, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: cfg.seed * 100 + cfg.hidden.length + 1 }), biasInitializer: 'zeros' }));
      model.compile({ optimizer: tf.train.sgd(cfg.lr), loss: 'categoricalCrossentropy' });
      const xs = tf.tensor2d(cfg.x.subarray(0, cfg.n * cfg.inDim), [cfg.n, cfg.inDim]);
      const ys = tf.oneHot(tf.tensor1d(cfg.y.subarray(0, cfg.n), 'int32'), cfg.nClasses).toFloat();
      await model.fit(xs, ys, { epochs: cfg.epochs, batchSize: cfg.batchSize, shuffle: cfg.batchSize < cfg.n, verbose: 0, yieldEvery: 'never' });
      xs.dispose();
      ys.dispose();
      return {
        predict: (x, n) => tf.tidy(() => model.predict(tf.tensor2d(x.subarray(0, n * cfg.inDim), [n, cfg.inDim])).argMax(-1).dataSync()),
      };
    },
    async makeGemm(m, k, n) {
      const a = tf.randomUniform([m, k], -1, 1, 'float32', 42);
      const b = tf.randomUniform([k, n], -1, 1, 'float32', 43);
      return {
        run() {
          const c = tf.matMul(a, b);
          c.dataSync();
          c.dispose();
        },
        dispose() {
          a.dispose();
          b.dispose();
        },
      };
    },
  };
}
