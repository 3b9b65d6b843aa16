/**
 * `dpr train vae`: train the MNIST VAE of Bora et al. (the paper's Section 4.2 prior) in this
 * repository, with periodic atomic checkpoints (parameters, Adam state, epoch and step; the
 * randomness is derived from the seed and the position), resumable with `--resume`. After every
 * epoch the float32 weights (`--out`) and their manifest (`*.manifest.json`: architecture,
 * command, seed, epochs, losses, sha256) are rewritten, so an interrupted run always leaves the
 * latest completed epoch's model, labelled with its true epoch count.
 */
import { existsSync } from 'node:fs';
import type { VaeTrainState } from '@dpr/training';
import { backendFromFlags } from '../backends.js';
import { declareOptions, type Command } from '../command.js';
import { outputPath, readFileFlag } from '../files.js';
import { CliError, choiceFlag, intFlag, numberFlag, stringFlag } from '../flags.js';
import { progressBar } from '../progress.js';

export const trainCommand: Command = {
  name: 'train',
  summary: 'Train a generative prior (the MNIST VAE of the paper) with checkpoints',
  usage: [
    'dpr train vae --dataset mnist|fashion-mnist --epochs 30 --seed 0 --out FILE.safetensors',
    '          [--checkpoint-every N] [--resume] [--checkpoint FILE] [--subset N]',
    '          [--batch-size 100] [--lr 1e-3] [--backend wasm|js|auto] [--json]',
    '  --out FILE             float32 weights (rewritten after every epoch) + FILE.manifest.json',
    '  --checkpoint FILE      training state (default FILE.checkpoint.safetensors next to --out),',
    '                         written atomically after every epoch and every N steps',
    '  --checkpoint-every N   also checkpoint every N steps within an epoch (default 0: epochs only)',
    '  --resume               continue from the checkpoint (same dataset and seed; --epochs may grow)',
    '  --subset N             train on the first N training images only',
    '  --json                 print one JSON record (epochs, losses, files) at the end instead of the text summary',
  ].join('\n'),
  options: declareOptions(['dataset', 'epochs', 'seed', 'out', 'checkpoint', 'checkpoint-every', 'subset', 'batch-size', 'lr', 'backend'], ['resume', 'json']),
  async run(flags, positionals, io) {
    const what = positionals[0];
    if (what !== 'vae' || positionals.length !== 1) throw new CliError(`expected 'dpr train vae ...', got ${JSON.stringify(positionals.join(' '))}`);
    const [{ DATASET_NAMES, loadDataset }, { checkpointPathFor, manifestPathFor, readVaeCheckpoint, resumeConflicts, trainVaeToFiles }] = await Promise.all([
      import('@dpr/datasets'), import('@dpr/training'),
    ]);
    const dataset = choiceFlag(flags, 'dataset', DATASET_NAMES, 'mnist');
    const epochs = intFlag(flags, 'epochs', 30, 0);
    const seed = intFlag(flags, 'seed', 0);
    const outFlag = stringFlag(flags, 'out');
    if (!outFlag) throw new CliError('--out FILE.safetensors is required');
    const out = outputPath(io.cwd, outFlag, 'out', 'file');
    const manifestPath = manifestPathFor(out);
    const ckptFlag = stringFlag(flags, 'checkpoint');
    const ckptPath = ckptFlag ? outputPath(io.cwd, ckptFlag, 'checkpoint', 'file') : checkpointPathFor(out);
    const every = intFlag(flags, 'checkpoint-every', 0, 0);
    const batchSize = intFlag(flags, 'batch-size', 100, 1);
    const learningRate = numberFlag(flags, 'lr', 1e-3);
    if (!(learningRate > 0)) throw new CliError('--lr: expected a positive number');

    const data = loadDataset(dataset);
    const subset = intFlag(flags, 'subset', data.train.count, batchSize);
    if (subset > data.train.count) throw new CliError(`--subset: at most ${data.train.count} training images`);

    let resume: VaeTrainState | undefined;
    if (flags['resume']) {
      if (!existsSync(ckptPath)) throw new CliError(`--resume: no checkpoint at ${ckptPath}`);
      resume = readVaeCheckpoint(readFileFlag(io.cwd, ckptPath, 'checkpoint'));
      const given = (name: string) => flags[name] !== undefined;
      const clash = resumeConflicts(resume.config, {
        dataset, ...(given('seed') ? { seed } : {}), ...(given('subset') ? { trainCount: subset } : {}),
        ...(given('batch-size') ? { batchSize } : {}), ...(given('lr') ? { learningRate } : {}),
      });
      if (clash.length) throw new CliError(`--resume: the checkpoint ${ckptPath} was made with ${clash.join(', ')}`);
      io.err(`dpr train: resuming ${ckptPath} at epoch ${resume.epoch}, step ${resume.stepInEpoch}`);
    }

    const backend = await backendFromFlags(flags, io.err);
    const command = [
      'pnpm dpr train vae',
      `--dataset ${dataset}`,
      `--epochs ${epochs}`,
      `--seed ${resume ? resume.config.seed : seed}`,
      `--out ${outFlag}`,
      ...((resume ? resume.config.trainCount : subset) !== data.train.count ? [`--subset ${resume ? resume.config.trainCount : subset}`] : []),
      ...(batchSize !== 100 ? [`--batch-size ${batchSize}`] : []),
      ...(learningRate !== 1e-3 ? [`--lr ${learningRate}`] : []),
    ].join(' ');

    const stepsPerEpoch = Math.floor((resume ? resume.config.trainCount : subset) / (resume ? resume.config.batchSize : batchSize));
    const done0 = resume ? resume.epoch * stepsPerEpoch + resume.stepInEpoch : 0;
    const bar = progressBar(`dpr train vae (${dataset})`, Math.max(epochs * stepsPerEpoch, done0), io, 500);
    let done = done0;
    let recent = 0, recentN = 0;
    const t0 = Date.now();
    const state = trainVaeToFiles({
      out,
      checkpoint: ckptPath,
      command,
      backend,
      data,
      ...(resume ? { resume } : { config: { seed, epochs, batchSize, learningRate, trainCount: subset } }),
      epochs,
      checkpointEvery: every,
      onStep: (s) => {
        done++;
        recent += s.loss;
        recentN++;
        if (recentN >= 20 || s.step + 1 === s.stepsPerEpoch) {
          bar.update(done, `epoch ${s.epoch + 1}/${epochs} loss ${(recent / recentN).toFixed(2)}`);
          recent = 0;
          recentN = 0;
        }
      },
      onEpoch: (r) => {
        const test = r.testLoss === undefined ? '' : `, test ${r.testLoss.toFixed(2)} (recon ${r.testRecon?.toFixed(2)}, KL ${r.testKl?.toFixed(2)})`;
        bar.done();
        io.err(`epoch ${r.epoch}/${epochs}: train ${r.trainLoss.toFixed(2)} (recon ${r.trainRecon.toFixed(2)}, KL ${r.trainKl.toFixed(2)})${test}, ${r.seconds.toFixed(1)} s`);
      },
    });
    bar.done();
    const last = state.history[state.history.length - 1];
    if (flags['json']) {
      io.out(JSON.stringify({
        dataset, epochs: state.epoch, seconds: (Date.now() - t0) / 1000, backend: backend.name,
        trainLoss: last?.trainLoss ?? null, testLoss: last?.testLoss ?? null, weights: out, manifest: manifestPath, checkpoint: ckptPath,
      }));
      return 0;
    }
    io.out(
      `trained ${state.epoch} epoch(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s on ${backend.name}` +
        (last ? `: train loss ${last.trainLoss.toFixed(2)}${last.testLoss !== undefined ? `, test loss ${last.testLoss.toFixed(2)}` : ''}` : ''),
    );
    io.out(`  weights   ${out}\n  manifest  ${manifestPath}\n  checkpoint ${ckptPath}`);
    return 0;
  },
};
