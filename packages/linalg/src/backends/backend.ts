/**
 * The one compute-backend interface. Every backend (`js`, `wasm`, `gpujs`) implements it and is
 * checked by the same conformance spec (`test/backend-conformance.ts`).
 */
import type { CMat, CVec, ComplexMatrix } from '../complex.js';
import type { Epilogue } from '../epilogues.js';
import type { Mat, Vec } from '../types.js';

/** Names of the built-in backends. */
export type BackendName = 'js' | 'wasm' | 'gpujs';

/**
 * A matrix uploaded to (resident on) a backend. Upload once with {@link Backend.matrix}, then
 * multiply many times; call `dispose()` when done to free backend memory.
 */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  /** The backend that owns this matrix. */
  readonly backend: BackendName;
  /** A row-major float64 copy of the stored (possibly float32-rounded) entries. */
  toFloat64Array(): Float64Array;
  /** Frees backend memory. Using a disposed matrix throws. */
  dispose(): void;
  readonly disposed: boolean;
}

/**
 * A batch of `cols` vectors of length `rows` resident on a backend (float32 on `wasm`): the
 * operands of {@link Backend.product}, e.g. R latent codes or one layer's activations at R codes.
 * Vector j is column j, as in a host {@link Mat}. Solver loops keep their batches resident for a
 * whole solve and move only what they need (a few latent codes) to and from the host.
 */
export interface ResidentBatch {
  readonly rows: number;
  readonly cols: number;
  /** The backend that owns this batch. */
  readonly backend: BackendName;
  /** Frees backend memory. Using a disposed batch throws. */
  dispose(): void;
  readonly disposed: boolean;
}

/** Dense kernels with BLAS semantics. */
export interface Backend {
  readonly name: BackendName;
  /** Bits of floating-point precision the kernels compute in; drives test tolerances. */
  readonly precision: 32 | 64;
  /** Human-readable description (mode, device), e.g. for benchmark reports. */
  readonly description: string;
  /** Upload a row-major `rows × cols` matrix. Entries must be finite. */
  matrix(data: ArrayLike<number>, rows: number, cols: number): DenseMatrix;
  /**
   * y ← α op(A) x + β y, op(A) = A or Aᵀ. When β = 0, y is not read (NaN in y is ignored).
   * x may alias y. Returns y.
   */
  gemv(trans: boolean, alpha: number, A: DenseMatrix, x: Vec, beta: number, y: Vec): Vec;
  /**
   * C ← α op(A) B + β C for a resident A and host matrices B, C (row-major); the batched product
   * used for many latent codes / restarts at once. When β = 0, C is not read. Returns C.
   */
  gemm(transA: boolean, alpha: number, A: DenseMatrix, B: Mat, beta: number, C: Mat): Mat;
  /** A zero-filled resident batch of `cols` vectors of length `rows`. */
  batch(rows: number, cols: number): ResidentBatch;
  /** Columns 0 .. M.cols − 1 of X ← M (rows × c, c ≤ X.cols). Entries must be finite. */
  writeBatch(X: ResidentBatch, M: Mat): void;
  /** out ← columns 0 .. out.cols − 1 of X (converted to float64). Returns out. */
  readBatch(X: ResidentBatch, out: Mat): Mat;
  /**
   * The fused product of the solver loops: Y_c ← epilogue(op(A) X_c) for the first `count`
   * vectors (default: all of X), resident in and out, one kernel call; see {@link Epilogue}.
   * X and Y must be different batches.
   */
  product(trans: boolean, A: DenseMatrix, X: ResidentBatch, Y: ResidentBatch, epilogue?: Epilogue, count?: number): void;
  /** Upload a row-major complex `rows × cols` matrix as its split parts `re`, `im` (finite entries). */
  complexMatrix(re: ArrayLike<number>, im: ArrayLike<number>, rows: number, cols: number): ComplexMatrix;
  /**
   * Complex y ← α op(A) x + β y, op(A) = A or Aᴴ (`conjTrans`), α, β real. Runs on the backend's
   * real kernels (two real GEMMs on the stacked [xr | xi]; see `complex.ts`). Returns y.
   */
  cgemv(conjTrans: boolean, alpha: number, A: ComplexMatrix, x: CVec, beta: number, y: CVec): CVec;
  /** Complex C ← α op(A) B + β C for host complex B, C (two real GEMMs on [Br | Bi]). Returns C. */
  cgemm(conjTrans: boolean, alpha: number, A: ComplexMatrix, B: CMat, beta: number, C: CMat): CMat;
  /** Frees every resource of the backend; its matrices become unusable. */
  dispose(): void;
  /** Whether {@link dispose} was called. */
  readonly disposed: boolean;
}
