// Embeds src/pytorch-training/train.py (the readable source, run by the tests as is) into train-py.ts, the
// string toPytorchTraining writes. Run after editing train.py: node scripts/embed-train-py.mjs
// (train-py.test.ts fails while the two differ).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../src/pytorch-training/', import.meta.url));
const source = readFileSync(`${dir}train.py`, 'utf8');
const ts = `// Generated from train.py by scripts/embed-train-py.mjs: edit train.py, then run the script.\n\n/** The train.py of an exported folder (see train.py beside this file, its readable source). */\nexport const TRAIN_PY: string = ${JSON.stringify(source)};\n`;
writeFileSync(`${dir}train-py.ts`, ts);
