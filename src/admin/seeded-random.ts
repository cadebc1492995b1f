/**
 * A small deterministic random source (mulberry32): the same seed gives the same draws on every machine,
 * so probability rules and latency picks replay exactly under a seed.
 */
export class SeededRandom {
  private current: number;

  constructor(seed: number) {
    this.current = seed >>> 0;
  }

  /** Where the source stands: `new SeededRandom(state)` goes on with the same draws (replicas share it). */
  get state(): number {
    return this.current;
  }

  /** A number in [0, 1). */
  next(): number {
    this.current = (this.current + 0x6d2b79f5) >>> 0;
    let t = this.current;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}
