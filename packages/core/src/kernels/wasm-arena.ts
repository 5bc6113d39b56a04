import type { FloatArray } from '../matrix.js';

/** The part of a WebAssembly memory the arena uses. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE = 65536;
// Staging and the heap start past the module's static data (page 0).
const BASE = PAGE;
// The module's memory is reserved once, at construction, and never grown afterwards: growing would
// detach every Float32Array view already handed out by `allocate`. Untouched pages cost no RAM.
const RESERVE_MIB = [256, 64, 16];
// `allocate` leaves at least this much room for staging JavaScript-owned operands and packing.
const STAGE_MIN = 8 << 20;
// Heap blocks are multiples of 64 bytes on 64-byte boundaries: SIMD rows start on cache lines.
const ALIGN = 64;

/** A free run of heap bytes. */
interface Block {
  offset: number;
  bytes: number;
}

/**
 * The module's memory: a bump arena for staging (from the bottom, reset at every kernel call) and a
 * heap for {@link Kernels.allocate} (from the top down). {@link Arena.free} returns a heap block to a
 * free list (sorted by address, neighbours merged, first fit); a freed block at the heap's low end gives
 * its bytes back to staging. When the heap is full, `allocate` returns undefined and the kernel set
 * hands out ordinary arrays, which the kernels then stage (slower, same results).
 */
export class Arena {
  readonly buffer: ArrayBuffer;
  readonly #f32: Float32Array;
  readonly #f64: Float64Array;
  #cursor = BASE;
  #heapLow: number;
  /** Live heap blocks: byte offset → size in bytes. */
  readonly #live = new Map<number, number>();
  readonly #free: Block[] = [];

  constructor(memory: WasmMemory) {
    for (const mib of RESERVE_MIB) {
      const need = ((mib << 20) - memory.buffer.byteLength) / PAGE;
      try {
        if (need > 0) memory.grow(need);
        break;
      } catch {
        // Try a smaller reservation.
      }
    }
    this.buffer = memory.buffer;
    this.#f32 = new Float32Array(this.buffer);
    this.#f64 = new Float64Array(this.buffer);
    this.#heapLow = this.buffer.byteLength;
  }

  /** A zeroed float32 view inside the module memory, or undefined when the heap is full. */
  allocate(length: number): Float32Array | undefined {
    const bytes = Math.max(ALIGN, (length * 4 + ALIGN - 1) & -ALIGN);
    let offset = -1;
    const i = this.#free.findIndex((b) => b.bytes >= bytes);
    const fit = this.#free[i];
    if (fit) {
      offset = fit.offset;
      fit.offset += bytes;
      fit.bytes -= bytes;
      if (fit.bytes === 0) this.#free.splice(i, 1);
    } else if (this.#heapLow - bytes >= BASE + STAGE_MIN) {
      this.#heapLow -= bytes;
      offset = this.#heapLow;
    } else {
      return undefined;
    }
    this.#live.set(offset, bytes);
    // Zeroed explicitly: staging or an earlier owner may have used these bytes.
    return new Float32Array(this.buffer, offset, length).fill(0);
  }

  /**
   * Returns the block `x` (an array from {@link Arena.allocate}, not a subarray of one) to the heap.
   * Anything else, and a block already freed, is ignored. Views of the block must not be used afterwards.
   */
  free(x: FloatArray): void {
    const bytes = x.buffer === this.buffer ? this.#live.get(x.byteOffset) : undefined;
    if (bytes === undefined) return;
    this.#live.delete(x.byteOffset);
    const free = this.#free;
    let i = free.findIndex((b) => b.offset > x.byteOffset);
    if (i < 0) i = free.length;
    free.splice(i, 0, { offset: x.byteOffset, bytes });
    const next = free[i + 1];
    if (next && x.byteOffset + bytes === next.offset) free[i]!.bytes += free.splice(i + 1, 1)[0]!.bytes;
    const prev = free[i - 1];
    if (prev && prev.offset + prev.bytes === x.byteOffset) prev.bytes += free.splice(i, 1)[0]!.bytes;
    const lowest = free[0];
    if (lowest && lowest.offset === this.#heapLow) {
      this.#heapLow += lowest.bytes;
      free.shift();
    }
  }

  /** Bytes of live heap blocks, and the heap's extent (live + free) below the top of memory. */
  usage(): { live: number; heap: number } {
    let live = 0;
    for (const bytes of this.#live.values()) live += bytes;
    return { live, heap: this.buffer.byteLength - this.#heapLow };
  }

  /** Starts a call that may stage up to `bytes` bytes; false when they do not fit below the heap. */
  begin(bytes: number): boolean {
    this.#cursor = BASE;
    return BASE + bytes + 64 <= this.#heapLow;
  }

  /** True when `x` lives in the module memory. */
  owns(x: FloatArray | undefined): boolean {
    return x === undefined || x.buffer === this.buffer;
  }

  /** The address of `x` inside the module memory: its own if it lives there, else a staged copy (copied in when `input`). */
  place(x: Float32Array, input: boolean): number {
    if (x.buffer === this.buffer) return x.byteOffset;
    const ptr = this.#cursor;
    this.#cursor += (x.length * 4 + 15) & ~15;
    if (input) this.#f32.set(x, ptr >> 2);
    return ptr;
  }

  /** Scratch space of `length` floats. */
  scratch(length: number): number {
    const ptr = this.#cursor;
    this.#cursor += (length * 4 + 15) & ~15;
    return ptr;
  }

  /** The float64 view of the module memory (for results the kernels leave in scratch). */
  get f64(): Float64Array {
    return this.#f64;
  }

  /** Copies a result computed at `ptr` back into `x` when `x` lives outside the module memory. */
  finish(x: Float32Array, ptr: number): void {
    if (x.buffer !== this.buffer) x.set(this.#f32.subarray(ptr >> 2, (ptr >> 2) + x.length));
  }
}
