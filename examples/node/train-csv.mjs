// Train on a CSV file, save the model, load it back in a fresh network, predict new rows.
//   node train-csv.mjs [data.csv] [label-column]      (default: circle.csv beside this file, column "label")
// Outside this repository: `npm install @backprop/core @backprop/datasets` and copy this file.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { Network, accuracy, fitScaler } from '@backprop/core';
import { readCSV } from '@backprop/datasets/node';

const file = process.argv[2] ?? new URL('./circle.csv', import.meta.url).pathname;
const label = process.argv[3] ?? 'label';

// 1. Read: header row, numeric feature columns, the label column's strings become classes.
const data = await readCSV(file, { label });
if (data.task !== 'classification') throw new Error(`${file}: expected class labels in column "${label}"`);
console.log(`${file}: ${data.X.rows} rows, features ${data.featureNames.join(', ')}, classes ${data.classNames.join(', ')}`);

// 2. Hold out the last 20 % for testing (the CSV's row order is already shuffled).
const nTest = Math.round(data.X.rows * 0.2);
const nTrain = data.X.rows - nTest;
const [Xtrain, Xtest] = [data.X.sliceRows(0, nTrain), data.X.sliceRows(nTrain, data.X.rows)];
const [ytrain, ytest] = [data.y.subarray(0, nTrain), data.y.subarray(nTrain)];

// 3. Train: the scaler and the class names travel inside the model, so predictions take raw rows.
const net = Network.create({
  inputs: data.X.cols,
  layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }],
  output: { units: data.classes, fn: 'softmax' },
  seed: 1,
});
net.setPreprocessing({ input: fitScaler(Xtrain), labels: data.classNames });
const fit = net.fit(Xtrain, ytrain, { epochs: 200, batchSize: 16, optimizer: 'adam', learningRate: 0.01 });
console.log(`trained ${fit.epochs} epochs, final loss ${fit.history.loss.at(-1).toFixed(4)}`);

// 4. Save atomically (write a temporary file, then rename over the target).
const modelFile = process.env.MODEL_FILE ?? 'model.json';
await writeFile(`${modelFile}.tmp`, JSON.stringify(net));
await rename(`${modelFile}.tmp`, modelFile);

// 5. Load into a new network and check it predicts exactly what the trained one does.
const loaded = Network.fromJSON(await readFile(modelFile, 'utf8'));
const testAccuracy = accuracy(ytest, loaded.classify(Xtest));
console.log(`saved ${modelFile}; reloaded model: test accuracy ${(testAccuracy * 100).toFixed(1)} % on ${nTest} held-out rows`);

// 6. Predict new rows by name: raw feature values in, class names out.
const rows = [[0, 0], [4.5, 0.5]];
const names = loaded.classifyLabels(rows);
for (const [i, row] of rows.entries()) console.log(`predict [${row.join(', ')}] → ${names[i]}`);
