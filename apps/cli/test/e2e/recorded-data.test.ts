import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli.js';

// A model or checkpoint records the CSV it was trained on relative to its own directory, so eval (without
// -d) and resume find the data from any working directory, as a user who cds elsewhere expects.
const root = mkdtempSync(join(tmpdir(), 'backprop-recorded-'));
const project = join(root, 'project');
const elsewhere = join(root, 'elsewhere');
const env = { ...process.env, CI: 'true' };

beforeAll(async () => {
  assertBuilt();
  mkdirSync(join(project, 'data'), { recursive: true });
  mkdirSync(join(project, 'runs'));
  mkdirSync(elsewhere);
  copyFileSync(new URL('../fixtures/iris.csv', import.meta.url), join(project, 'data', 'iris.csv'));
  const r = await runCli(['train', '-d', 'data/iris.csv', '--epochs', '3', '--seed', '2', '--save', 'runs/model.json', '--checkpoint', 'runs/ckpt.json', '--checkpoint-every', '3'], { cwd: project, env });
  expect(r.code, r.stderr).toBe(0);
});

describe('the recorded data set is found from any directory', () => {
  test('model.json and the checkpoint record data/iris.csv relative to runs/', () => {
    expect(JSON.parse(readFileSync(join(project, 'runs', 'model.json'), 'utf8')).metadata.dataset).toBe('../data/iris.csv');
    const ckpt = JSON.parse(readFileSync(join(project, 'runs', 'ckpt.json'), 'utf8'));
    expect([ckpt.config.data.dataset, ckpt.model.metadata.dataset]).toEqual(['../data/iris.csv', '../data/iris.csv']);
  });

  test('eval runs/model.json without -d, from the project, from runs/ and from another directory, scores the same rows', async () => {
    const outputs: string[] = [];
    for (const [cwd, model] of [[project, 'runs/model.json'], [join(project, 'runs'), 'model.json'], [elsewhere, join(project, 'runs', 'model.json')]] as const) {
      const r = await runCli(['eval', model, '--json'], { cwd, env });
      expect(r.stderr, cwd).toMatch(/^data: .*iris\.csv \(seed 2\), as recorded in /);
      expect(r.code, r.stderr).toBe(0);
      const { loss, rows, split } = JSON.parse(r.stdout);
      outputs.push(JSON.stringify({ loss, rows, split }));
    }
    expect(new Set(outputs).size).toBe(1);
    expect(JSON.parse(outputs[0]!)).toMatchObject({ rows: 30, split: 'validation' });
  });

  test('eval and resume of the checkpoint from another directory', async () => {
    const ckpt = join(project, 'runs', 'ckpt.json');
    const ev = await runCli(['eval', ckpt, '--json'], { cwd: elsewhere, env });
    expect(ev.code, ev.stderr).toBe(0);
    const resumed = await runCli(['resume', ckpt, '--epochs', '4'], { cwd: elsewhere, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/epoch 4\/4/);
    // --save runs/model.json, given in the project: written there, not under elsewhere/.
    expect(resumed.stdout).toContain(`saved ${join(project, 'runs', 'model.json')}`);
    // Re-saved by resume from elsewhere: still relative to the checkpoint's own directory.
    expect(JSON.parse(readFileSync(ckpt, 'utf8')).config.data.dataset).toBe('../data/iris.csv');
  });

  test('export to ONNX elsewhere, then import elsewhere again: each file records the data relative to itself, and eval finds it', async () => {
    mkdirSync(join(root, 'out'), { recursive: true });
    const onnx = join(root, 'out', 'model.onnx');
    const ex = await runCli(['export', 'runs/model.json', '--format', 'onnx', '--out', onnx], { cwd: project, env });
    expect(ex.code, ex.stderr).toBe(0);
    const script = 'import onnx, sys\nm = onnx.load(sys.argv[1])\nprint({p.key: p.value for p in m.metadata_props}["dataset"])';
    expect(execFileSync('/usr/bin/python3', ['-c', script, onnx], { encoding: 'utf8' }).trim()).toBe('../project/data/iris.csv');
    const im = await runCli(['import', '../out/model.onnx', '--out', 'back.json'], { cwd: elsewhere, env });
    expect(im.code, im.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(elsewhere, 'back.json'), 'utf8')).metadata.dataset).toBe('../project/data/iris.csv');
    const ev = await runCli(['eval', join(elsewhere, 'back.json'), '--json'], { cwd: project, env });
    expect(ev.code, ev.stderr).toBe(0);
    expect(JSON.parse(ev.stdout)).toMatchObject({ rows: 30, split: 'validation' });
  });

  test('export --format pytorch from elsewhere: the folder records the data relative to itself, PyTorch trains from there, import and resume find it', async () => {
    const run = join(root, 'out', 'torch-run');
    const ex = await runCli(['export', join(project, 'runs', 'ckpt.json'), '--format', 'pytorch', '--out', run], { cwd: elsewhere, env });
    expect(ex.code, ex.stderr).toBe(0);
    const recorded = '../../project/data/iris.csv';
    const folder = JSON.parse(readFileSync(join(run, 'training.json'), 'utf8'));
    expect(folder.extra.cli.data.dataset).toBe(recorded);
    expect(folder.extra.cli.save).toBe('../../project/runs/model.json');
    const meta = 'import json, struct, sys\nb = open(sys.argv[1], "rb").read()\n(n,) = struct.unpack("<Q", b[:8])\nprint(json.loads(b[8:8 + n])["__metadata__"]["dataset"])';
    expect(execFileSync('/usr/bin/python3', ['-c', meta, join(run, 'model.safetensors')], { encoding: 'utf8' }).trim()).toBe(recorded);
    // Real PyTorch, run from the folder itself: 5 steps (the run's 3 epochs are done: --epochs moves its end);
    // the paths it writes back still resolve from there.
    execFileSync('/usr/bin/python3', ['train.py', '--epochs', '5', '--steps', '5', '--threads', '1'], { cwd: run, stdio: ['ignore', 'ignore', 'inherit'] });
    const after = JSON.parse(readFileSync(join(run, 'training.json'), 'utf8'));
    expect(after.training.iteration).toBe(folder.training.iteration + 5);
    expect(after.extra.cli.data.dataset).toBe(recorded);
    expect(existsSync(join(run, after.extra.cli.data.dataset))).toBe(true);
    const im = await runCli(['import', '../out/torch-run', '--out', 'from-torch.json'], { cwd: elsewhere, env });
    expect(im.code, im.stderr).toBe(0);
    const back = JSON.parse(readFileSync(join(elsewhere, 'from-torch.json'), 'utf8'));
    expect([back.config.data.dataset, back.model.metadata.dataset, back.config.save]).toEqual(['../project/data/iris.csv', '../project/data/iris.csv', '../project/runs/model.json']);
    const resumed = await runCli(['resume', join(elsewhere, 'from-torch.json'), '--epochs', '5'], { cwd: project, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/epoch 5\/5/);
  });

  test('a model file written before (dataset relative to the directory train ran in) still evaluates from there', async () => {
    const old = JSON.parse(readFileSync(join(project, 'runs', 'model.json'), 'utf8'));
    writeFileSync(join(project, 'runs', 'old.json'), JSON.stringify({ ...old, metadata: { ...old.metadata, dataset: 'data/iris.csv' } }));
    const r = await runCli(['eval', 'runs/old.json', '--json'], { cwd: project, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('data: data/iris.csv (seed 2), as recorded in runs/old.json\n');
  });

  test('a recorded file that is gone: the message names the path tried and how to give another', async () => {
    const old = JSON.parse(readFileSync(join(project, 'runs', 'model.json'), 'utf8'));
    writeFileSync(join(project, 'runs', 'moved.json'), JSON.stringify({ ...old, metadata: { ...old.metadata, dataset: '../data/gone.csv' } }));
    const r = await runCli(['eval', join(project, 'runs', 'moved.json')], { cwd: elsewhere, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(project, 'data', 'gone.csv')}: no such file (the data set recorded in ${join(project, 'runs', 'moved.json')}; name it with -d/--dataset)`);
  });
});
