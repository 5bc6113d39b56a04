import { describe, expect, test } from 'vitest';
import { run } from './program.js';

async function parse(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: { command: string; args: readonly string[]; flags: Record<string, unknown> }[] = [];
  const code = await run(argv, async (command, args, flags) => {
    calls.push({ command, args, flags });
    return 0;
  }, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join(''), calls };
}

describe('argv', () => {
  test('train with no flags defaults to MNIST', async () => {
    const r = await parse(['train']);
    expect(r.code).toBe(0);
    expect(r.calls[0]).toMatchObject({ command: 'train', flags: { dataset: 'mnist', seed: 0, validation: 0.2 } });
  });

  test('flags are parsed into typed values', async () => {
    const r = await parse(['train', '-d', 'spiral', '--layers', '16,8', '--lr', '0.05', '--batch-size', '8', '--activation', 'tanh', '--save', 'm.json']);
    expect(r.calls[0]!.flags).toMatchObject({ dataset: 'spiral', layers: [16, 8], lr: 0.05, batchSize: 8, activation: 'tanh', save: 'm.json' });
  });

  test.each(['train', 'eval', 'predict', 'gradcheck', 'inspect', 'resume', 'export', 'import'])('%s --help shows examples and exits 0', async (command) => {
    const r = await parse([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain(`backprop ${command}`);
  });

  test('an unknown flag is one line listing the valid flags, exit 2', async () => {
    const r = await parse(['train', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain("unknown option '--frobnicate'");
    expect(r.err).toContain('--layers');
    expect(r.calls).toHaveLength(0);
  });

  test('a bad choice lists the valid choices, exit 2', async () => {
    const r = await parse(['train', '--activation', 'swish']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Allowed choices are logistic, tanh, relu/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  test.each([
    [['train', '--lr', 'fast'], 'expected a number > 0'],
    [['train', '--epochs', '0'], 'expected a positive integer'],
    [['train', '--layers', '12,x'], "e.g. '128,64'"],
    [['train', '--validation', '1.5'], 'expected a number in [0, 1)'],
    // Sizes that would run out of memory (or run for hours) are refused at once, not after a crash.
    [['train', '-d', 'xor', '--samples', '2000000000'], 'expected a whole number from 1 to 1,000,000'],
    [['gradcheck', '--batch', '1000000000'], 'expected a whole number from 1 to 10,000'],
  ])('bad value %j → exit 2', async (argv, words) => {
    const r = await parse(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(words);
  });

  test('bare backprop prints the help and exits 0', async () => {
    const r = await parse([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: backprop');
    expect(r.err).toBe('');
  });

  test('a mistyped flag or command gets a "did you mean"', async () => {
    expect((await parse(['train', '--epoch', '3'])).err).toBe("backprop train: unknown option '--epoch'; did you mean --epochs?\n");
    expect((await parse(['train', '--lerning-rate', '3'])).err).toContain('(valid: ');
    expect((await parse(['trian'])).err).toBe("backprop: unknown command 'trian'; did you mean train?\n");
  });

  test('--layers 128 64 says how to write the widths', async () => {
    const r = await parse(['train', '--layers', '128', '64']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('(widths go in one argument: --layers 128,64)');
  });

  test('an unknown command lists the commands, exit 2', async () => {
    const r = await parse(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('valid: train, eval, predict, gradcheck, inspect, resume');
  });

  test('a missing argument names it, exit 2', async () => {
    const r = await parse(['inspect']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('model.json');
  });

  test('an error thrown by a command is one line with its exit code', async () => {
    const { CliError } = await import('./errors.js');
    const err: string[] = [];
    const code = await run(['inspect', 'x.json'], async () => {
      throw new CliError('x.json: no such file');
    }, { out: () => {}, err: (s) => err.push(s) });
    expect(code).toBe(1);
    expect(err.join('')).toBe('backprop inspect: x.json: no such file\n');
  });
});
