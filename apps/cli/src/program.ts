import { activationNames, initNames, lossNames, optimizerNames, outputNames, scheduleNames } from '@backprop/core';
import { checkModes } from '@backprop/gradcheck';
import { Command, CommanderError, Option } from 'commander';
import { version } from '../package.json';
import { datasetNames } from './data.js';
import { exportDtypes, exportFormats, importFormats } from './commands/interop-formats.js';
import { definePlaygroundCommand } from './commands/playground.js';
import { toCliError } from './errors.js';
import { closest, spacedListHint } from './suggest.js';
import { integer, layerList, nonNegativeNumber, positiveInt, positiveIntUpTo, positiveNumber, positiveWidth, share, unitInterval } from './parse.js';

/** Points of a generated 2-D set: 2·10⁹ ran out of memory after 41 s; a million is 16 MB of inputs. */
const MAX_SAMPLES = 1_000_000;
/** Rows for gradcheck: finite differences cost two forward passes over them per parameter. */
const MAX_CHECK_ROWS = 10_000;

/** What a command's action receives besides its flags. */
export type Action = (command: string, args: readonly string[], flags: Record<string, unknown>) => Promise<number>;

const examples = (lines: readonly string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** `--validation` of train (a share held out, default 0.2) or of eval (score only a held-out share; default: every row). */
const TRAIN_SPLIT = () => new Option('--validation <share>', 'share of a playground/CSV set held out for validation').argParser(share).default(0.2);
const EVAL_SPLIT = () => new Option('--validation <share>', "score only this share of the rows, held out as train does with the same --seed (default: every row; on the data a checkpoint or a model saved by train recorded: its recorded split; 0: every row)").argParser(share);

/** `--seed` of train (default 0) or of eval (default: the recorded seed, else 0; the flag's default would hide it). */
const TRAIN_SEED = () => new Option('--seed <n>', 'seed of data, weights and shuffling').argParser(integer).default(0);
const EVAL_SEED = () => new Option('--seed <n>', "seed of a generated set and of --validation's split (default: the recorded one, else 0)").argParser(integer);

function dataOptions(cmd: Command, defaultDataset?: string, datasetNote = '', split = TRAIN_SPLIT(), seed = TRAIN_SEED()): Command {
  const dataset = new Option('-d, --dataset <name|file.csv>', `data set: ${datasetNames.join(', ')}, or a CSV file${datasetNote}`);
  return cmd
    .addOption(defaultDataset ? dataset.default(defaultDataset) : dataset)
    .option('--label <column>', 'CSV label column (name or 0-based index; default: the last)')
    .option('--samples <n>', `points in a 2-D playground set (at most ${MAX_SAMPLES.toLocaleString('en-US')})`, positiveIntUpTo(MAX_SAMPLES))
    .option('--noise <x>', 'noise of a 2-D playground set, 0–1', unitInterval)
    .addOption(split)
    .addOption(seed);
}

function architectureOptions(cmd: Command): Command {
  return cmd
    .option('--layers <widths>', "hidden layer widths, e.g. '128,64' or 'none'", layerList)
    .addOption(new Option('--activation <name>', 'hidden activation').choices(activationNames))
    .addOption(new Option('--output <fn>', 'output function (default: softmax for classes, linear for regression)').choices(outputNames))
    .addOption(new Option('--loss <name>', "loss (default: the output's natural loss)").choices(lossNames))
    .addOption(new Option('--init <name>', 'weight initialiser').choices(initNames));
}

function trainingOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--optimizer <name>', 'update rule').choices(optimizerNames))
    .option('--lr <rate>', 'learning rate η', positiveNumber)
    .option('--batch-size <n>', 'samples per step', positiveInt)
    .option('--epochs <n>', 'passes over the training set', positiveInt)
    .option('--patience <n>', 'early stopping: epochs without a better validation loss', positiveInt)
    .addOption(new Option('--schedule <name>', 'learning-rate schedule').choices(scheduleNames))
    .option('--l1 <lambda>', 'L1 weight penalty λ₁', nonNegativeNumber)
    .option('--l2 <lambda>', 'L2 weight penalty λ₂', nonNegativeNumber)
    .option('--clip-norm <x>', "rescale each step's gradient to global L2 norm ≤ x", positiveNumber)
    .option('-s, --save <file>', 'write the trained model here (atomically; also on Ctrl-C)')
    .option('--checkpoint <file>', "where the 's' key (and --checkpoint-every) writes a checkpoint (default: checkpoint.json, or checkpoint-N.json when an earlier file has that name); without the dashboard (--plain, --json, pipes) a --checkpoint file is written at the end")
    .option('--checkpoint-every <n>', 'also write the checkpoint every n epochs (for long or headless runs)', positiveInt);
}

/** `--json` and `--plain`: training commands stream events (NDJSON / progress lines); reports (eval, gradcheck) print once, and plain means no colours, as when piped. */
function outputModes(cmd: Command, kind: 'training' | 'report' = 'training'): Command {
  if (kind === 'report') return cmd.option('--json', 'the report as one JSON object on stdout').option('--plain', 'plain text even in a terminal: no colours (what a pipe gets)');
  return cmd.option('--json', 'one JSON object per event (NDJSON) on stdout').option('--plain', 'plain progress lines even in a terminal');
}

/** The `backprop` command line. Parsing errors become CliError with exit code 2 (see {@link run}). */
export function buildProgram(action: (command: string, args: readonly string[], flags: Record<string, unknown>) => Promise<void>): Command {
  const program = new Command('backprop')
    .description('Train, evaluate and inspect feedforward neural networks in the terminal.')
    .version(version) // from package.json, inlined by the build, so a release bump reaches --version
    .showSuggestionAfterError(false)
    .addHelpText('after', examples(['backprop train', 'backprop train -d spiral --layers 16,16 --activation tanh', 'backprop eval model.json -d mnist', 'backprop inspect model.json', 'backprop export model.json --format onnx --out model.onnx']));

  const train = program.command('train').description('train a network (default: MNIST digits, 784-128-10) with a live dashboard');
  outputModes(trainingOptions(architectureOptions(dataOptions(train, 'mnist'))))
    .addHelpText('after', examples([
      'backprop train                                  # MNIST, 784-128-10 relu/softmax, ≥ 95 % test accuracy',
      'backprop train -d spiral --layers 16,16 --activation tanh --epochs 300',
      'backprop train -d data.csv --label species --save iris.json',
      'backprop train -d xor --json | jq .loss',
    ]))
    .action((flags: Record<string, unknown>) => action('train', [], flags));

  const evalCmd = program.command('eval').argument('<model.json>', 'a saved model or checkpoint').description('loss, accuracy, per-class precision/recall and the confusion matrix');
  outputModes(dataOptions(evalCmd, undefined, ' (default: the one the file recorded: a checkpoint, or a model saved by train)', EVAL_SPLIT(), EVAL_SEED()), 'report')
    .addHelpText('after', examples(['backprop eval model.json -d mnist', 'backprop eval spiral.json -d spiral --seed 0', 'backprop eval iris.json -d test.csv        # every row of test.csv', 'backprop eval iris.json -d iris.csv --validation 0.2   # only the rows train held out (same --seed)', 'backprop eval model.json              # saved by train: its validation rows (the data set, seed and split it recorded)']))
    // Only flags typed on the command line: a checkpoint's recorded seed and split beat the flags' defaults.
    .action((file: string, flags: Record<string, unknown>, cmd: Command) => action('eval', [file], typedFlags(cmd, flags)));

  program
    .command('predict')
    .argument('<model.json>', 'a saved model or checkpoint')
    .argument('[rows]', 'a file of rows (CSV or JSON lines; default: stdin, also as -)')
    .description('answer each input row (CSV or JSON lines) with the class and its probabilities: a file is checked whole first (a bad row prints no answers), a pipe or terminal is answered as rows arrive')
    .addOption(new Option('--format <kind>', 'input format (default: guessed per line)').choices(['csv', 'json']))
    .option('--json', 'write JSON lines instead of CSV')
    .addHelpText('after', examples(["echo '0.5,-0.2' | backprop predict xor.json", 'backprop predict iris.json flowers.csv   # a header naming the features maps columns by name', 'backprop predict model.json --json < rows.jsonl', 'echo \'{"x2": -0.2, "x1": 0.5}\' | backprop predict spiral.json   # JSON objects by feature name']))
    .action((file: string, rows: string | undefined, flags: Record<string, unknown>) => action('predict', rows === undefined ? [file] : [file, rows], flags));

  const grad = program
    .command('gradcheck')
    .argument('[model.json]', 'a saved model (default: a fresh network from the architecture flags)')
    .description("compare backprop's gradients with finite differences; exit code 1 when they disagree")
    .option('--inputs <n>', 'input width of a fresh network', positiveWidth, 2)
    .option('--outputs <n>', 'output width of a fresh network', positiveWidth, 3)
    .option('--batch <n>', `rows of random data to check on (at most ${MAX_CHECK_ROWS.toLocaleString('en-US')})`, positiveIntUpTo(MAX_CHECK_ROWS), 8)
    .addOption(new Option('--mode <mode>', 'which entries to check').choices(checkModes).default('full'))
    .option('--seed <n>', 'seed of weights and data', integer, 0);
  outputModes(architectureOptions(grad), 'report')
    .addHelpText('after', examples(['backprop gradcheck', 'backprop gradcheck --layers 5,4 --activation tanh --output logistic --outputs 1', 'backprop gradcheck model.json --json']))
    .action((file: string | undefined, flags: Record<string, unknown>) => action('gradcheck', file ? [file] : [], flags));

  program
    .command('inspect')
    .argument('<model.json>', 'a saved model or checkpoint')
    .description('architecture, parameter counts and weight statistics per layer')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', examples(['backprop inspect model.json', 'backprop inspect checkpoint.json --json']))
    .action((file: string, flags: Record<string, unknown>) => action('inspect', [file], flags));

  const resume = program.command('resume').argument('<checkpoint.json>', "a checkpoint written by 's' or --checkpoint").description('continue training exactly where a checkpoint left off');
  outputModes(resume)
    .option('--epochs <n>', 'train until this many epochs in all (default: the original target)', positiveInt)
    .option('-s, --save <file>', 'write the trained model here')
    .option('--checkpoint <file>', "where the 's' key writes a checkpoint (default: the checkpoint itself); without the dashboard (--plain, --json, pipes) it is written at the end")
    .option('--checkpoint-every <n>', 'also write the checkpoint every n epochs', positiveInt)
    .addHelpText('after', examples(['backprop resume checkpoint.json', 'backprop resume checkpoint.json --epochs 20 --save model.json']))
    .action((file: string, flags: Record<string, unknown>) => action('resume', [file], flags));

  program
    .command('export')
    .argument('<model.json>', 'a saved model or checkpoint')
    .description('write the model for other tools: ONNX, safetensors (PyTorch), a standalone JS module, C99 for microcontrollers, or a whole training run for PyTorch (pytorch: a folder with train.py)')
    .addOption(new Option('--format <kind>', "what to write (default: from --out's extension: .onnx, .safetensors, .js/.mjs, .c)").choices(exportFormats))
    .requiredOption('-o, --out <file>', "where to write it (atomically); js also writes the .d.ts beside it, c the .h; pytorch: a new folder")
    .addOption(new Option('--dtype <type>', 'tensor type of onnx / safetensors (default float32)').choices(exportDtypes))
    .option('--snippet <file.py>', 'safetensors: also write Python that rebuilds the nn.Sequential and loads the weights')
    .addHelpText('after', examples([
      'backprop export model.json --out model.onnx                 # the format from the extension',
      'backprop export model.json --format safetensors --out model.safetensors --snippet load_model.py',
      'backprop export model.json --format js --out predict.js      # also writes predict.d.ts',
      'backprop export model.json --format c --out model.c          # also writes model.h (C99, float32)',
      'backprop export checkpoint.json --format pytorch --out run/  # then the command it prints (a Python with PyTorch)',
    ]))
    .action((file: string, flags: Record<string, unknown>) => action('export', [file], flags));

  program
    .command('import')
    .argument('<file>', 'an .onnx or .safetensors file (feed-forward: Linear/Gemm + activations), or a folder from export --format pytorch')
    .description('bring a network trained elsewhere (PyTorch, Keras via tf2onnx) in as a backprop model')
    .requiredOption('-o, --out <model.json>', 'where to write the model (atomically)')
    .addOption(new Option('--format <kind>', 'input format (default: from the extension)').choices(importFormats))
    .option('--spec <spec.json>', 'safetensors without backprop metadata: the whole NetworkSpec as JSON (default: widths from the tensors)')
    .addOption(new Option('--activation <name>', 'bare PyTorch safetensors: hidden activation between the Linear layers (default: relu)').choices(activationNames))
    .addOption(new Option('--output <fn>', 'bare PyTorch safetensors: output function (default: softmax for > 1 output, else linear); ONNX graphs that end in a Linear layer (logits): softmax or logistic makes a classifier').choices(outputNames))
    .addHelpText('after', examples([
      'backprop import model.onnx --out model.json',
      'backprop import weights.safetensors --out model.json',
      'backprop import torch_seq.safetensors --activation tanh --output softmax --out model.json',
      'backprop import weights.bin --format safetensors --spec spec.json --out model.json',
      'backprop import run/ --out checkpoint.json                   # after train.py; then: backprop resume checkpoint.json',
    ]))
    .action((file: string, flags: Record<string, unknown>) => action('import', [file], flags));

  definePlaygroundCommand(program, action);
  return program;
}

/** The flags the user typed (or set through the environment), without commander's defaults. */
function typedFlags(cmd: Command, flags: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(flags).filter(([key]) => cmd.getOptionValueSource(key) !== 'default'));
}

/** Every command's valid flags, for the one-line unknown-option message. */
function validFlags(cmd: Command): string {
  return [...cmd.options.map((o) => o.long ?? o.short ?? ''), '--help'].filter(Boolean).join(', ');
}

/**
 * Parses argv and runs the chosen command. Returns the exit code: 0 ok, 1 failure, 2 usage error.
 * Commander's own messages are reduced to one line that lists the valid choices; any error a command
 * throws is printed as one line (never a stack trace).
 */
export async function run(argv: readonly string[], action: Action, write: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  let code = 0;
  let current = 'backprop';
  const program = buildProgram(async (command, args, flags) => {
    current = `backprop ${command}`;
    code = await action(command, args, flags);
  });
  let failing: Command = program;
  const configure = (cmd: Command) => {
    cmd.exitOverride().configureOutput({
      writeOut: write.out,
      writeErr: write.err,
      outputError: () => {
        failing = cmd;
      },
    });
    cmd.commands.forEach(configure);
  };
  configure(program);
  // Bare `backprop`: the help, as an answer (exit 0), not as an error.
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      let message = (error.message.replace(/^error: /, '').split('\n')[0] ?? error.message).replace(/\.$/, '');
      const where = failing === program ? 'backprop' : `backprop ${failing.name()}`;
      const quoted = /'([^']+)'/.exec(message)?.[1];
      if (error.code === 'commander.unknownOption') {
        const guess = quoted ? closest(quoted, failing.options.map((o) => o.long ?? '').filter(Boolean)) : undefined;
        message += guess ? `; did you mean ${guess}?` : ` (valid: ${validFlags(failing)})`;
      }
      if (error.code === 'commander.unknownCommand' || (error.code === 'commander.excessArguments' && failing === program)) {
        const guess = quoted ? closest(quoted, program.commands.map((c) => c.name())) : undefined;
        message += guess ? `; did you mean ${guess}?` : ` (valid: ${program.commands.map((c) => c.name()).join(', ')})`;
      } else if (error.code === 'commander.excessArguments') {
        const hint = spacedListHint(argv);
        if (hint) message += ` (${hint})`;
      }
      if (error.code === 'commander.missingArgument' || error.code === 'commander.missingMandatoryOptionValue') message += ` (see ${where} --help)`;
      write.err(`${where}: ${message}\n`);
      return 2;
    }
    const e = toCliError(error);
    write.err(`${current}: ${e.message}\n`);
    return e.exitCode;
  }
}
