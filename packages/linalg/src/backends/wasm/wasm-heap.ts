/**
 * A small allocator over a WebAssembly memory: first-fit over a sorted free list with
 * coalescing, plus a bump pointer at the top that grows the memory on demand. Freed blocks are
 * reused, and a freed block at the top lowers the bump pointer, so allocate/free cycles do not
 * grow the memory without bound.
 */
import { BackendUnavailableError } from '../../errors.js';

/** Block alignment in bytes (a cache line; SIMD loads need 16). */
const ALIGN = 64;
const PAGE = 65536;
/** The wasm32 address space. */
const MAX_BYTES = 2 ** 32;

interface Block {
  ptr: number;
  size: number;
}

/** Allocator and typed-array views over one `WebAssembly.Memory`. */
export class WasmHeap {
  private top: number;
  private readonly free: Block[] = [];
  private readonly used = new Map<number, number>();
  private buffer: ArrayBuffer | undefined;
  private views: { f32: Float32Array; f64: Float64Array } | undefined;

  /** Manage `memory` from byte `base` on (everything below belongs to the module). */
  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.top = alignUp(base);
  }

  /** Current size of the memory in bytes. */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** A float32 view of the whole memory, re-created after the memory grew. */
  get f32(): Float32Array {
    return this.currentViews().f32;
  }

  /** A float64 view of the whole memory, re-created after the memory grew. */
  get f64(): Float64Array {
    return this.currentViews().f64;
  }

  /** Allocate `bytes` (rounded up to the alignment) and return the block's byte address. */
  alloc(bytes: number): number {
    const size = alignUp(Math.max(bytes, 1));
    for (let k = 0; k < this.free.length; k++) {
      const block = this.free[k] as Block;
      if (block.size < size) continue;
      const ptr = block.ptr;
      if (block.size === size) this.free.splice(k, 1);
      else {
        block.ptr += size;
        block.size -= size;
      }
      this.used.set(ptr, size);
      return ptr;
    }
    const ptr = this.top;
    this.ensure(ptr + size);
    this.top = ptr + size;
    this.used.set(ptr, size);
    return ptr;
  }

  /** Return a block from {@link alloc} to the heap. */
  release(ptr: number): void {
    const size = this.used.get(ptr);
    if (size === undefined) return;
    this.used.delete(ptr);
    let k = 0;
    while (k < this.free.length && (this.free[k] as Block).ptr < ptr) k++;
    const block: Block = { ptr, size };
    this.free.splice(k, 0, block);
    const next = this.free[k + 1];
    if (next && block.ptr + block.size === next.ptr) {
      block.size += next.size;
      this.free.splice(k + 1, 1);
    }
    const prev = this.free[k - 1];
    if (prev && prev.ptr + prev.size === block.ptr) {
      prev.size += block.size;
      this.free.splice(k, 1);
    }
    const last = this.free[this.free.length - 1];
    if (last && last.ptr + last.size === this.top) {
      this.top = last.ptr;
      this.free.pop();
    }
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    try {
      if (end > MAX_BYTES) throw new RangeError('beyond the 4 GiB wasm32 address space');
      this.memory.grow(pages);
    } catch (err) {
      throw new BackendUnavailableError('wasm', `out of memory growing to ${end} bytes`, { cause: err });
    }
  }

  private currentViews(): { f32: Float32Array; f64: Float64Array } {
    const buffer = this.memory.buffer;
    if (this.views === undefined || this.buffer !== buffer) {
      this.buffer = buffer;
      this.views = { f32: new Float32Array(buffer), f64: new Float64Array(buffer) };
    }
    return this.views;
  }
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
