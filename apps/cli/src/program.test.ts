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
    [['train', '-d', 'xor', '--samples', '2000000000'], 'expected at most 1,000,000'],
    [['train', '-d', 'xor', '--samples', '0'], 'expected a whole number from 1 to 1,000,000'],
    [['gradcheck', '--batch', '1000000000'], 'expected at most 10,000'],
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

describe('integer flags: huge values are either taken or refused with the real limit, never "not a positive integer"', () => {
  const SAFE = '9,007,199,254,740,991';
  const WIDTH = '268,435,456';
  // [argv, the flag's key, the value parsed] or [argv, undefined, the words of the refusal].
  const cases: [string[], string | undefined, unknown][] = [
    [['train', '--epochs', '1e12'], 'epochs', 1e12],
    [['train', '--epochs', '1e20'], undefined, `expected at most ${SAFE}`],
    [['train', '--epochs', '99999999999999999999'], undefined, `expected at most ${SAFE}`],
    [['train', '--epochs', '1e400'], undefined, `expected at most ${SAFE}`],
    [['train', '--batch-size', '1e12'], 'batchSize', 1e12],
    [['train', '--patience', '1e12'], 'patience', 1e12],
    [['train', '--checkpoint-every', '1e12'], 'checkpointEvery', 1e12],
    [['train', '-d', 'xor', '--samples', '1e5'], 'samples', 100_000],
    [['train', '-d', 'xor', '--samples', '1e12'], undefined, 'expected at most 1,000,000'],
    [['train', '--seed', '1e3'], 'seed', 1000],
    [['train', '--seed', '1e12'], undefined, 'expected at most 4,294,967,295'],
    [['train', '--layers', '1e3,64'], 'layers', [1000, 64]],
    [['train', '--layers', '64,1e12'], undefined, `expected widths of at most ${WIDTH}`],
    [['eval', 'm.json', '-d', 'xor', '--samples', '1e12'], undefined, 'expected at most 1,000,000'],
    [['eval', 'm.json', '--seed', '1e12'], undefined, 'expected at most 4,294,967,295'],
    [['gradcheck', '--inputs', '1e12'], undefined, `expected at most ${WIDTH}`],
    [['gradcheck', '--outputs', '1e3'], 'outputs', 1000],
    [['gradcheck', '--layers', '1e12'], undefined, `expected widths of at most ${WIDTH}`],
    [['gradcheck', '--batch', '1e12'], undefined, 'expected at most 10,000'],
    [['gradcheck', '--seed', '1e12'], undefined, 'expected at most 4,294,967,295'],
    [['resume', 'c.json', '--epochs', '1e12'], 'epochs', 1e12],
    [['resume', 'c.json', '--checkpoint-every', '1e20'], undefined, `expected at most ${SAFE}`],
    [['playground', '--port', '8e3'], 'port', 8000],
    [['playground', '--port', '1e12'], undefined, 'expected at most 65,535'],
  ];
  test.each(cases)('%j', async (argv, key, expected) => {
    const r = await parse(argv);
    if (key !== undefined) {
      expect(r.err).toBe('');
      expect(r.calls[0]!.flags[key]).toEqual(expected);
    } else {
      expect(r.code).toBe(2);
      expect(r.err).toContain(expected as string);
      expect(r.err).not.toContain('positive integer');
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  test('every integer flag of every command is in the table above', async () => {
    const { buildProgram } = await import('./program.js');
    const program = buildProgram(async () => {});
    const integerFlags = program.commands.flatMap((cmd) => cmd.options.filter((o) => /<(n|widths)>/.test(o.flags)).map((o) => `${cmd.name()} ${o.long}`));
    const covered = new Set(cases.map(([argv]) => `${argv[0]} ${argv.find((a) => a.startsWith('--'))}`));
    expect(integerFlags.filter((f) => !covered.has(f))).toEqual([]);
  });
});

test('eval --help states its own defaults: every row, the recorded seed (not the train defaults 0.2 and 0)', async () => {
  const r = await parse(['eval', '--help']);
  const help = r.out.replace(/\s+/g, ' ');
  expect(help).toContain('--validation <share> score only this share of the rows');
  expect(help).toContain('(default: the recorded one, else 0)');
  expect(help).not.toMatch(/--seed <n>[^-]*\(default: 0\)/);
  expect(help).not.toMatch(/--validation <share>[^-]*\(default: 0\.2\)/);
});
