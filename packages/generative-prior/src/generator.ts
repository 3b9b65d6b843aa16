/**
 * The one interface every generative prior G : R^k → R^n implements.
 */
import type { Mat, Vec } from '@dpr/linalg';
import type { ResidentPass } from './resident-pass.js';

/**
 * G linearised at one point x: the value G(x) and the maps of the Jacobian J = ∂G/∂x taken at x,
 * with the activation pattern (for ReLU nets, the masks of W_{i,+,x}) frozen from this forward pass.
 */
export interface Linearization {
  /** G(x). */
  readonly value: Vec;
  /** Jᵀ v (vector-Jacobian product, the backward pass). For ReLU the mask is 0 where the input is exactly 0. */
  vjp(v: Vec): Vec;
  /** J u (Jacobian-vector product, a forward pass with the frozen pattern). */
  jvp(u: Vec): Vec;
  /** Per layer i, the activation derivatives σ'(z_i) (for ReLU: the 0/1 mask of W_{i,+,x}). */
  readonly derivatives: readonly Vec[];
}

/** The batched counterpart: columns of X are latent codes. */
export interface BatchLinearization {
  /** G applied to each column: n × R. */
  readonly value: Mat;
  /** Jᵢᵀ vᵢ for each column i of V (n × R) → k × R. */
  vjp(V: Mat): Mat;
  /** Jᵢ uᵢ for each column i of U (k × R) → n × R. */
  jvp(U: Mat): Mat;
}

/** A generative prior G : R^k → R^n. */
export interface Generator {
  /** k, the latent dimension. */
  readonly latentDim: number;
  /** n, the signal dimension. */
  readonly outputDim: number;
  /** G(x). */
  forward(x: Vec): Vec;
  /** G(x) with its Jacobian maps at x (one forward pass). */
  linearize(x: Vec): Linearization;
  /** G applied to every column of X (k × R), as one GEMM per layer. */
  forwardBatch(X: Mat): Mat;
  /** Batched {@link Generator.linearize}. */
  linearizeBatch(X: Mat): BatchLinearization;
  /**
   * G as fused products on batches of up to `capacity` codes resident on its backend, for solver
   * loops that keep their codes resident for a whole solve; absent when G has no such form.
   */
  residentPass?(capacity: number): ResidentPass;
  /** Whether G(cx) = cG(x) for c ≥ 0 (bias-free ReLU nets). */
  readonly positivelyHomogeneous: boolean;
  /**
   * Frees backend memory held by the weights. Whoever builds or loads a generator owns it and
   * disposes it once (an `InstanceCache` that holds one owns it instead); a constructor that
   * rejects its weights frees what it had already uploaded.
   */
  dispose(): void;
}
