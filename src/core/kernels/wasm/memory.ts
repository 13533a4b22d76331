// One shared WebAssembly.Memory and a bump allocator over it. Shared memory never detaches the views made on it
// when it grows (a new, longer SharedArrayBuffer is made instead), so a program's Float32Arrays stay valid however
// much is reserved after them, and a second thread can work on the same bytes.
import { wasmApi, type WasmMemory } from './webassembly';

const PAGE_BYTES = 65536;
/** 2 GiB: an upper bound the runtime reserves address space for; pages are only committed as they are used. */
const MAX_PAGES = 32768;

/** The kernel memory each SharedArrayBuffer belongs to, for code that holds buffers but not the backend. */
const ownerByBuffer = new WeakMap<ArrayBufferLike, KernelMemory>();

export type AdamKernel = (
  params: number, grads: number, firstMoment: number, secondMoment: number, count: number,
  stepSize: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, epsilon: number,
) => void;

export class KernelMemory {
  /** The memory `array` lives in, if it lives in one. */
  static owning(array: Float32Array): KernelMemory | undefined {
    return ownerByBuffer.get(array.buffer);
  }

  /** The instance's Adam kernel, set by the backend that instantiated the kernels over this memory. */
  adam: AdamKernel | undefined;

  readonly memory: WasmMemory;
  /** Every SharedArrayBuffer this memory has shown: a view over any of them lives in this memory. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private top: number;

  /** `reservedBytes` at the bottom are kept for the caller's fixed blocks (control words). */
  constructor(reservedBytes: number) {
    if (wasmApi === undefined) throw new Error('this runtime has no WebAssembly');
    this.memory = new wasmApi.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    this.buffers.add(this.memory.buffer);
    ownerByBuffer.set(this.memory.buffer, this);
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
      ownerByBuffer.set(this.memory.buffer, this);
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
