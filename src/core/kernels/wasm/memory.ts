// One shared WebAssembly.Memory and a bump allocator over it. Shared memory never detaches the views made on it
// when it grows (a new, longer SharedArrayBuffer is made instead), so a program's Float32Arrays stay valid however
// much is reserved after them, and a second thread can work on the same bytes.
import { wasmApi, type WasmMemory } from './webassembly';

const PAGE_BYTES = 65536;
/** 2 GiB: an upper bound the runtime reserves address space for; pages are only committed as they are used. */
const MAX_PAGES = 32768;

export class KernelMemory {
  readonly memory: WasmMemory;
  /** Every SharedArrayBuffer this memory has shown: a view over any of them lives in this memory. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private top: number;

  /** `reservedBytes` at the bottom are kept for the caller's fixed blocks (control words). */
  constructor(reservedBytes: number) {
    if (wasmApi === undefined) throw new Error('this runtime has no WebAssembly');
    this.memory = new wasmApi.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    this.buffers.add(this.memory.buffer);
    this.top = reservedBytes;
  }

  /** Byte address of `bytes` fresh zeroed bytes aligned to `align`, or -1 when the memory cannot grow that far. */
  reserve(bytes: number, align = 64): number {
    const start = Math.ceil(this.top / align) * align;
    const end = start + bytes;
    const havePages = this.memory.buffer.byteLength / PAGE_BYTES;
    const needPages = Math.ceil(end / PAGE_BYTES);
    if (needPages > MAX_PAGES) return -1;
    if (needPages > havePages) {
      try {
        this.memory.grow(needPages - havePages);
      } catch {
        return -1; // the system refused the pages: the caller falls back to ordinary arrays
      }
      this.buffers.add(this.memory.buffer);
    }
    this.top = end;
    return start;
  }

  floats(address: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, address, length);
  }

  int32s(address: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, address, length);
  }

  /** True when the kernels can read `array` in place; its byteOffset is then its address. */
  contains(array: Float32Array): boolean {
    return this.buffers.has(array.buffer);
  }

  get committedBytes(): number {
    return this.memory.buffer.byteLength;
  }
}
