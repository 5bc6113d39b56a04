// The files written into the scratch project: what a user's first lines with @backprop/* look like.

// Network is exported by core's index.ts; the forward pass proves the bundled kernels run from dist.
const coreUse = (load: string): string => `
${load}
const m = Matrix.from([[1, 2], [3, 4]]);
if (!(m instanceof Matrix) || m.rows !== 2 || m.cols !== 2 || m.get(1, 0) !== 3) {
  throw new Error('Matrix.from misbehaves: ' + JSON.stringify(m.toArray()));
}
const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 1, fn: 'logistic' }, seed: 1 });
const yHat = net.forward(m).yHat;
if (yHat.rows !== 2 || yHat.cols !== 1 || !yHat.toArray().flat().every((p) => p > 0 && p < 1)) {
  throw new Error('Network.forward misbehaves: ' + JSON.stringify(yHat.toArray()));
}
console.log('ok');
`;

/** Run with `node --input-type=module -e`. */
export const ESM_CHECK = coreUse(`import { Matrix, Network } from '@backprop/core';`);

/** Run with `node -e` (CommonJS). */
export const CJS_CHECK = coreUse(`const { Matrix, Network } = require('@backprop/core');`);

/**
 * A TypeScript file that must type-check: types resolve, and they are precise (each `@ts-expect-error`
 * fails the build if the line compiles, i.e. if the types were missing or `any`).
 */
export function TYPES_CHECK(packages: readonly string[]): string {
  const namespaces = packages.map(
    (name, i) => `
import * as ns${i} from '${name}';
// @ts-expect-error ${name} is typed: an unknown member is an error, not any
ns${i}.definitelyNotExported;`,
  );
  return `import { Matrix, Network } from '@backprop/core';
import type { NetworkSpec } from '@backprop/core';

const m: import('@backprop/core').Matrix = Matrix.zeros(2, 3);
const rows: number = m.rows;
// @ts-expect-error rows is a number
const wrongRows: string = m.rows;
// @ts-expect-error Matrix.zeros takes numbers
Matrix.zeros('2', 3);

const spec: NetworkSpec = { inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 1, fn: 'logistic' } };
const net: Network = Network.create(spec);
// @ts-expect-error activation names are a closed union
const badSpec: NetworkSpec = { inputs: 2, layers: [{ units: 3, activation: 'tahn' }], output: { units: 1, fn: 'logistic' } };
${namespaces.join('\n')}

export { rows, wrongRows, net, badSpec };
`;
}

/** tsconfig for the scratch project: a user's strict settings, declarations checked too (no skipLibCheck). */
export function scratchTsconfig(resolution: 'node16' | 'bundler', files: readonly string[]): object {
  return {
    compilerOptions: {
      target: 'es2022',
      lib: ['es2023'],
      module: resolution === 'node16' ? 'node16' : 'esnext',
      moduleResolution: resolution,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      noEmit: true,
      types: [],
    },
    files,
  };
}

/**
 * The dual-package hazard, as a real app meets it (run with `node mix.cjs`): CommonJS code `require`s
 * the core (its CJS build) and `import()`s @backprop/datasets, whose ESM build imports the core's ESM
 * build, a second copy. Matrices and errors must cross between the copies, and class names must
 * survive the build (`Network`, not `_Network`).
 */
export const MIX_CJS = `
const { Network, BackpropError, Matrix, TrainingDivergedError } = require('@backprop/core');
const { OnnxImportError } = require('@backprop/interop');
(async () => {
  const esmCore = await import('@backprop/core');
  if (esmCore.Matrix === Matrix) throw new Error('premise: expected two copies of the core (CJS and ESM)');
  const { spiral } = await import('@backprop/datasets');
  const d = spiral({ samples: 100, seed: 1 });
  if (!(d.X instanceof Matrix)) throw new Error('the CJS Matrix does not recognise the ESM copy\\'s matrix');
  const net = Network.create({ inputs: 2, layers: [{ units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
  net.fit(d.X, d.y, { epochs: 2, batchSize: 20 });
  try {
    esmCore.Network.create({ inputs: 2, layers: [], output: { units: 2, fn: 'softmax' } }).predict(d.X.sliceRows(0, 1).clone().toArray().map((r) => [...r, 0]));
    throw new Error('expected a shape error');
  } catch (e) {
    if (!(e instanceof BackpropError)) throw new Error('instanceof BackpropError is false for the ESM copy\\'s error: ' + e);
  }
  try {
    Network.create({ inputs: 2, layers: [], output: { units: 2, fn: 'softmax' } }).predict([[1, 2, 3]]);
  } catch (e) {
    // V8 names a method's frame after the class as written in the bundle: \`at Network.predict\`, not \`at _Network.predict\`.
    if (!/at Network\\.predict/.test(e.stack) || /\\b_[A-Z]\\w*\\./.test(e.stack)) throw new Error('mangled names in a stack trace: ' + e.stack);
  }
  try {
    const unscaled = [[1e4, -2e4], [3e4, 5e3], [-1e4, 2e4], [2e4, 1e4]];
    esmCore.Network.create({ inputs: 2, layers: [{ units: 4, activation: 'relu' }], output: { units: 1, fn: 'linear' }, seed: 3 })
      .fit(unscaled, [[1], [2], [3], [4]], { epochs: 500, batchSize: 4, learningRate: 0.1 });
    throw new Error('expected a divergence');
  } catch (e) {
    if (!(e instanceof TrainingDivergedError)) throw new Error('instanceof TrainingDivergedError is false for the ESM copy\\'s error: ' + e);
  }
  try {
    (await import('@backprop/interop')).fromOnnx(new Uint8Array([1, 2, 3]));
    throw new Error('expected an ONNX error');
  } catch (e) {
    if (!(e instanceof OnnxImportError)) throw new Error('instanceof OnnxImportError is false for the ESM copy\\'s error: ' + e);
  }
  const names = [Network.name, Matrix.name, BackpropError.name, TrainingDivergedError.name, OnnxImportError.name, esmCore.Network.name, esmCore.Matrix.name];
  if (names.join() !== 'Network,Matrix,BackpropError,TrainingDivergedError,OnnxImportError,Network,Matrix') throw new Error('mangled class names: ' + names.join());
  console.log('ok');
})().catch((e) => { console.error(e); process.exit(1); });
`;
