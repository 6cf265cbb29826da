// A compact open-addressing index of 64-bit pseudonyms, for duplicate checks over a million respondents
// without a million strings in memory.
export class KeyIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private ref: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.ref = new Int32Array(size).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the key with `reference`; when the key is already present returns the earlier reference, else -1. */
  add(hi: number, lo: number, reference: number): number {
    if ((this.count + 1) * 2 > this.ref.length) this.grow();
    const mask = this.ref.length - 1;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const existing = this.ref[slot];
      if (existing < 0) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.ref[slot] = reference;
        this.count++;
        return -1;
      }
      if (this.hi[slot] === hi && this.lo[slot] === lo) return existing;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { hi, lo, ref } = this;
    const size = ref.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.ref = new Int32Array(size).fill(-1);
    this.count = 0;
    for (let i = 0; i < ref.length; i++) if (ref[i] >= 0) this.add(hi[i], lo[i], ref[i]);
  }
}
