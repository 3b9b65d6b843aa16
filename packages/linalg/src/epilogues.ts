/**
 * What a fused product (`Backend.product`) does to each output vector y = op(A) x before
 * storing it, and the float64 reference of every epilogue, which the host backends run and the
 * `wasm` kernels (`assembly/epilogue.ts`) reproduce inside the product call.
 */
import type { Activation } from './activations.js';
import type { ResidentBatch } from './backends/backend.js';
import type { Vec } from './types.js';

/**
 * - `activation`: y ← σ(y + c) with the bias c (a one-vector batch) when given, and σ'(y + c) into
 *   `derivative` (same shape as the output) when given — a generator layer.
 * - `scale`: y ← y ⊙ s_c, s a batch of the output's shape — a frozen Jacobian factor (ReLU mask).
 * - `amplitude`: y ← sgn(y) ⊙ (|y| − b) with sgn(0) = 0, and ½‖sgn(y)(|y| − b)‖² per vector into
 *   `loss` — the residual and loss of amplitude measurements |A x| ≈ b (phase retrieval).
 * - `sumsq`: y unchanged, ‖y‖² per vector into `out`.
 */
export type Epilogue =
  | { kind: 'activation'; activation: Activation; bias?: ResidentBatch; derivative?: ResidentBatch }
  | { kind: 'scale'; by: ResidentBatch }
  | { kind: 'amplitude'; b: ResidentBatch; loss?: Float64Array }
  | { kind: 'sumsq'; out: Float64Array };

/** sgn(t) = t/|t| for t ≠ 0, sgn(0) = 0. */
export function sgn(t: number): number {
  return t > 0 ? 1 : t < 0 ? -1 : 0;
}

/**
 * The amplitude residual r = sgn(z) ⊙ (|z| − b) of one vector z (written into `r` when given)
 * and its loss ½‖|z| − b‖², entries `offset + i · stride` of z and r (i < b.length).
 */
export function amplitudeResidual(z: Vec, b: Vec, r?: Vec, offset = 0, stride = 1): number {
  let f = 0;
  for (let i = 0; i < b.length; i++) {
    const at = offset + i * stride, zi = z[at] as number;
    const e = Math.abs(zi) - (b[i] as number);
    f += e * e;
    if (r) r[at] = sgn(zi) * e;
  }
  return f / 2;
}

/** Resolved operands of an epilogue on the host: float64 arrays, row-major rows × count. */
export interface HostEpilogue {
  epilogue: Epilogue | undefined;
  bias?: Float64Array;
  derivative?: Float64Array;
  by?: Float64Array;
  b?: Float64Array;
}

/** Apply an epilogue in place to Y (row-major rows × count), the float64 reference. */
export function applyHostEpilogue(h: HostEpilogue, Y: Float64Array, rows: number, count: number): void {
  const e = h.epilogue;
  if (!e) return;
  switch (e.kind) {
    case 'activation':
      e.activation.applyInPlace(Y, count, h.bias, h.derivative);
      return;
    case 'scale': {
      const s = h.by as Float64Array;
      for (let i = 0; i < Y.length; i++) Y[i] = (Y[i] as number) * (s[i] as number);
      return;
    }
    case 'amplitude':
      for (let c = 0; c < count; c++) {
        const f = amplitudeResidual(Y, h.b as Float64Array, Y, c, count);
        if (e.loss) e.loss[c] = f;
      }
      return;
    case 'sumsq':
      for (let c = 0; c < count; c++) {
        let s = 0;
        for (let i = 0; i < rows; i++) s += (Y[i * count + c] as number) ** 2;
        e.out[c] = s;
      }
      return;
  }
}
