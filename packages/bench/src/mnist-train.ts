/**
 * `pnpm --filter @backprop/bench mnist`: issue 3's benchmark script (not a timed test). Trains MNIST
 * 784-128-10 (ReLU, softmax + cross-entropy) on the 8,000/2,000 split of `@backprop/mnist`'
 * `loadMnist` with Adam and with SGD + momentum, through the public `Network.fit`, and prints for each
 * the test accuracy, the epochs and the seconds, then one JSON line.
 *   MNIST_EPOCHS=n   epochs per run (default 15)
 *   MNIST_SEED=s     seed of the split, the initial weights and the shuffling (default 0: loadMnist's own split)
 *   MNIST_ONLY=re    runs to do, by name (default all), e.g. MNIST_ONLY=adam
 */
import { type FitOptions, Network } from '@backprop/core';
import { loadMnist } from '@backprop/mnist';

const epochs = Number(process.env.MNIST_EPOCHS ?? 15);
const seed = Number(process.env.MNIST_SEED ?? 0);
const only = new RegExp(process.env.MNIST_ONLY ?? '.');
const now = (): number => Number(process.hrtime.bigint()) / 1e9;

// Settings found on the default split (seed 0); the test set of a split is 2,000 digits, so one digit is
// 0.05 %, and splits differ by about ±0.5 % (seed 1: Adam 94.5 %, SGD + momentum 94.7 % after 15 epochs).
const RUNS: readonly { readonly name: string; readonly options: FitOptions }[] = [
  { name: 'adam', options: { optimizer: 'adam', learningRate: 1e-3, batchSize: 32 } },
  { name: 'sgd-momentum', options: { optimizer: { name: 'sgd', momentum: 0.9 }, learningRate: 0.03, batchSize: 32 } },
];

const loaded = now();
const { train, test } = await loadMnist({ seed });
console.log(`MNIST: ${train.X.rows} train, ${test.X.rows} test digits (seed ${seed}), loaded in ${(now() - loaded).toFixed(1)} s`);

for (const run of RUNS.filter((r) => only.test(r.name))) {
  const net = Network.create({
    inputs: 784,
    layers: [{ units: 128, activation: 'relu' }],
    output: { units: 10, fn: 'softmax', loss: 'cross-entropy' },
    seed,
  });
  // Test accuracy after every epoch, timed apart so `seconds` is training alone.
  const testAccuracy: number[] = [];
  let evalSeconds = 0;
  const accuracyOnTest = (): number => {
    const t0 = now();
    const predicted = net.classify(test.X);
    let correct = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === test.y[i]) correct++;
    evalSeconds += now() - t0;
    return correct / predicted.length;
  };
  const t0 = now();
  const result = net.fit(train.X, train.y, {
    ...run.options,
    epochs,
    seed,
    onEpochEnd: (e) => {
      testAccuracy.push(accuracyOnTest());
      console.log(`  ${run.name} epoch ${String(e.epoch).padStart(2)}  loss ${e.loss.toFixed(4)}  train acc ${(100 * e.accuracy!).toFixed(2)} %  test acc ${(100 * testAccuracy.at(-1)!).toFixed(2)} %`);
    },
  });
  const seconds = now() - t0 - evalSeconds;
  const accuracy = testAccuracy.at(-1)!;
  const firstAt95 = testAccuracy.findIndex((a) => a >= 0.95) + 1 || undefined;
  console.log(
    `${run.name}: test accuracy ${(100 * accuracy).toFixed(2)} % after ${result.epochs} epochs in ${seconds.toFixed(1)} s` +
      ` (${net.backend}, ${net.dtype}; ≥ 95 % first at epoch ${firstAt95 ?? 'never'}; stop: ${result.stopReason})`,
  );
  console.log(
    JSON.stringify({
      benchmark: 'mnist-784-128-10',
      optimizer: run.name,
      ...run.options,
      epochs: result.epochs,
      testAccuracy: accuracy,
      seconds: Number(seconds.toFixed(2)),
      firstEpochAt95: firstAt95 ?? null,
      testAccuracyPerEpoch: testAccuracy.map((a) => Number(a.toFixed(4))),
      backend: net.backend,
      dtype: net.dtype,
      seed,
      train: train.X.rows,
      test: test.X.rows,
    }),
  );
}
