// The training worker: the network lives and learns here, so the page stays responsive. It answers one
// `train` at a time with `started`, an `epoch` message per epoch and `done` (or `error`); `stop` ends the
// run after the current step (a session yields to the event loop every 16 ms, which is when it is read).
import { BackpropError, type TrainingSession, activationNames, optimizerNames, ready } from '@backprop/core';
import { generate, toyDatasetNames } from '@backprop/datasets';
import { createExperiment } from './experiment';
import type { FromWorker, RunSettings, ToWorker } from './protocol';

let session: TrainingSession | undefined;

const post = (message: FromWorker) => self.postMessage(message);

// The page's menus: the classification sets (a 4-sample draw tells the task) and the engine's names.
post({
  type: 'ready',
  datasets: toyDatasetNames.filter((name) => generate(name, { samples: 4 }).task === 'classification') as RunSettings['dataset'][],
  activations: activationNames,
  optimizers: optimizerNames,
});

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'stop') session?.stop();
  else if (message.type === 'train') void train(message.settings);
};

async function train(settings: RunSettings): Promise<void> {
  // The page disables Train while a run is on; a second `train` anyway replaces the first.
  session?.stop();
  try {
    await ready(); // the WebAssembly kernels compile asynchronously in browsers
    const { net, train, test } = createExperiment(settings);
    post({ type: 'started', epochs: settings.epochs, trainRows: train.X.rows, testRows: test.X.rows, summary: net.summary().split('\n').at(-1) ?? '' });
    const run = net.train(train, {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      optimizer: settings.optimizer,
      learningRate: settings.learningRate,
      validationData: test, // evaluated after every epoch: the test curve of the chart
    });
    session = run;
    for await (const e of run) {
      if (e.type !== 'epoch') continue;
      post({ type: 'epoch', epoch: e.epoch, loss: e.loss, accuracy: e.accuracy ?? Number.NaN, testLoss: e.valLoss ?? Number.NaN, testAccuracy: e.valAccuracy ?? Number.NaN, elapsedMs: e.elapsedMs });
    }
    const result = await run.result;
    if (session === run) session = undefined;
    net.dispose();
    post({ type: 'done', stopReason: result.stopReason, epochs: result.epochs, elapsedMs: result.elapsedMs });
  } catch (error) {
    session = undefined;
    post({
      type: 'error',
      name: error instanceof Error ? error.name : 'Error',
      code: error instanceof BackpropError ? error.code : undefined,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
