/**
 * Training written to disk, as `dpr train vae` runs it (Node): the checkpoint after every epoch
 * (and every N steps), and after every epoch the float32 weights and their manifest, each
 * atomically, so an interrupted run always leaves the latest completed epoch's model labelled
 * with its true epoch count.
 */
import { basename } from 'node:path';
import { writeFileAtomic } from '@dpr/datasets';
import { writeVaeCheckpoint, writeVaeWeights } from './checkpoint.js';
import { vaeManifest } from './manifest.js';
import { trainVae, type TrainVaeOptions, type VaeTrainConfig, type VaeTrainState } from './train.js';

/** `X.safetensors` → `X.manifest.json`. */
export function manifestPathFor(out: string): string {
  return `${out.replace(/\.safetensors$/, '')}.manifest.json`;
}

/** `X.safetensors` → `X.checkpoint.safetensors`. */
export function checkpointPathFor(out: string): string {
  return `${out.replace(/\.safetensors$/, '')}.checkpoint.safetensors`;
}

/** How a checkpoint's configuration differs from the one asked for (empty: it may be resumed). */
export function resumeConflicts(stored: VaeTrainConfig, asked: Partial<Pick<VaeTrainConfig, 'dataset' | 'seed' | 'trainCount' | 'batchSize' | 'learningRate'>>): string[] {
  const out: string[] = [];
  if (asked.dataset !== undefined && stored.dataset !== asked.dataset) out.push(`dataset ${stored.dataset} (asked ${asked.dataset})`);
  if (asked.seed !== undefined && stored.seed !== asked.seed) out.push(`seed ${stored.seed} (asked ${asked.seed})`);
  if (asked.trainCount !== undefined && stored.trainCount !== asked.trainCount) out.push(`subset ${stored.trainCount} (asked ${asked.trainCount})`);
  if (asked.batchSize !== undefined && stored.batchSize !== asked.batchSize) out.push(`batch size ${stored.batchSize} (asked ${asked.batchSize})`);
  if (asked.learningRate !== undefined && stored.learningRate !== asked.learningRate) out.push(`lr ${stored.learningRate} (asked ${asked.learningRate})`);
  return out;
}

/** Options of {@link trainVaeToFiles}: those of `trainVae` (without `onCheckpoint`) and where the files go. */
export interface TrainVaeToFilesOptions extends Omit<TrainVaeOptions, 'onCheckpoint'> {
  /** The float32 weights (`X.safetensors`); the manifest goes beside it. */
  out: string;
  /** The training state. */
  checkpoint: string;
  /** The command line recorded in the manifest. */
  command: string;
}

/** Train (or resume) and write checkpoint, weights and manifest as the run goes. */
export function trainVaeToFiles(options: TrainVaeToFilesOptions): VaeTrainState {
  const { out, checkpoint, command, ...train } = options;
  return trainVae({
    ...train,
    onCheckpoint: (st, reason) => {
      writeFileAtomic(checkpoint, writeVaeCheckpoint(st));
      if (reason !== 'epoch') return;
      const bytes = writeVaeWeights(st.params, { format: 'dpr-vae-weights/1', dataset: st.config.dataset, epochs: String(st.epoch), seed: String(st.config.seed) });
      writeFileAtomic(out, bytes);
      const manifest = vaeManifest({ name: basename(out).replace(/\.safetensors$/, ''), weightsFile: basename(out), bytes, state: st, command, backend: options.backend.name });
      writeFileAtomic(manifestPathFor(out), `${JSON.stringify(manifest, null, 2)}\n`);
    },
  });
}
