// Train on a CSV file, save the model, load it back in a fresh network, predict new rows.
//   node train-csv.mjs [data.csv] [label-column] [--delimiter ';'] [--out model.json]
//   (defaults: circle.csv beside this file, column "label", the delimiter guessed from the header line,
//   model.json beside this file, whatever the current directory)
// Outside this repository: `npm install @backprop/core @backprop/datasets` and copy this file.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BackpropError, Network, accuracy, fitScaler } from '@backprop/core';
import { parseCSV, trainTestSplit } from '@backprop/datasets';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { delimiter: { type: 'string', short: 'd' }, out: { type: 'string', short: 'o' } },
});
const file = positionals[0] ?? fileURLToPath(new URL('./circle.csv', import.meta.url));
const label = positionals[1] ?? 'label';
const modelFile = options.out ?? fileURLToPath(new URL('./model.json', import.meta.url));

/** Ends the run with one line naming the file (a missing file, a bad cell), not a stack trace. */
function fail(message) {
  console.error(`${file}: ${message}`);
  process.exit(1);
}

// 1. Read: header row, numeric feature columns, the label column's strings become classes. The
//    delimiter is the one given (`tab` for a tab), else whichever of , ; tab the header line has most of.
const text = await readFile(file, 'utf8').catch((e) => fail(e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'a folder, not a CSV file' : e.message));
const named = { tab: '\t', '\\t': '\t' };
const header = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0];
const guessed = [',', ';', '\t'].map((d) => [d, header.split(d).length]).sort((a, b) => b[1] - a[1])[0][0];
const delimiter = options.delimiter === undefined ? guessed : (named[options.delimiter] ?? options.delimiter);
const name = file.split(/[\\/]/).pop().replace(/\.[^.]*$/, '');
let data;
try {
  data = parseCSV(text, { label, delimiter, name }); // CsvError (a BackpropError) names the line and column
} catch (e) {
  if (e instanceof BackpropError) fail(e.message);
  throw e;
}
if (data.task !== 'classification') fail(`expected class labels in column "${label}"`);
console.log(`${file}: ${data.X.rows} rows, features ${data.featureNames.join(', ')}, classes ${data.classNames.join(', ')}`);

// 2. Hold out 20 % for testing: a seeded shuffle first (a file sorted by class would otherwise test on one
//    class only), stratified so each class keeps its share in both halves.
const split = trainTestSplit(data, { test: 0.2, seed: 1 });
const [Xtrain, ytrain, Xtest, ytest] = [split.train.X, split.train.y, split.test.X, split.test.y];
const nTest = Xtest.rows;
const perClass = data.classNames.map((c, k) => `${ytest.filter((v) => v === k).length} ${c}`).join(', ');
console.log(`held out ${nTest} rows for testing (${perClass})`);

// 3. Train: the scaler and the class names travel inside the model, so predictions take raw rows.
const net = Network.create({
  inputs: data.X.cols,
  layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }],
  output: { units: data.classes, fn: 'softmax' },
  seed: 1,
});
net.setPreprocessing({ input: fitScaler(Xtrain), labels: data.classNames });
// Batches of 16, or all rows when a small file has fewer.
const fit = net.fit(Xtrain, ytrain, { epochs: 200, batchSize: Math.min(16, Xtrain.rows), optimizer: 'adam', learningRate: 0.01 });
console.log(`trained ${fit.epochs} epochs, final loss ${fit.history.loss.at(-1).toFixed(4)}`);

// 4. Save atomically (write a temporary file, then rename over the target).
await writeFile(`${modelFile}.tmp`, JSON.stringify(net));
await rename(`${modelFile}.tmp`, modelFile);

// 5. Load into a new network and check it predicts exactly what the trained one does.
const loaded = Network.fromJSON(await readFile(modelFile, 'utf8'));
const testAccuracy = accuracy(ytest, loaded.classify(Xtest));
console.log(`saved ${modelFile}; reloaded model: test accuracy ${(testAccuracy * 100).toFixed(1)} % on ${nTest} held-out rows`);

// 6. Predict rows by name: raw feature values in, class names out. For the bundled circle.csv two new points
//    (the centre is inside the disc, (4.5, 0.5) in the outer ring); for a file of yours, its first held-out rows.
const ours = positionals[0] === undefined;
const rows = ours ? [[0, 0], [4.5, 0.5]] : Xtest.toArray().slice(0, 3);
const names = loaded.classifyLabels(rows);
for (const [i, row] of rows.entries()) console.log(`predict [${row.map((v) => Number(v.toPrecision(6))).join(', ')}] → ${names[i]}${ours ? '' : ` (held out; its label: ${data.classNames[ytest[i]]})`}`);
