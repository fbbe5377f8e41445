/**
 * Seeded randomness for the demo generator. Every unit of the demo (one journey and the contacts,
 * requests and surveys around it) draws from its own stream, made from (seed, unit), so a unit's
 * events do not depend on how many units came before it and generation needs no state between
 * units: memory stays flat however many journeys are asked for. sfc32 is small, fast and passes
 * PractRand far beyond what a demo draws; Math.random is not seedable.
 */

/** splitmix32: spreads a 32-bit input over all bits (seeding and hashing). */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A uniform [0, 1) number fixed by (seed, a, b): per-customer and per-agent traits without a stream. */
export const hashUnit = (seed: number, a: number, b = 0): number => mix32(mix32(mix32(seed) ^ a) ^ Math.imul(b, 0x27d4eb2d)) / 4294967296;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    this.a = mix32(seed);
    this.b = mix32(this.a ^ stream);
    this.c = mix32(this.b ^ 0x5bd1e995);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Standard normal (Box–Muller; one of the pair is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with this median; sigma is the log-scale spread (p90 ≈ median · e^(1.28σ)). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/** Cumulative weights for `weighted` (normalised to end at 1). */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (const w of weights) sum += w;
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w / sum;
    out[i] = acc;
  });
  out[weights.length - 1] = 1;
  return out;
}

/** The index whose cumulative weight first exceeds u (binary search). */
export function weighted(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < (cum[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Inverse CDF through quantile points (linear between them): reproduces the source's quantiles. */
export function fromQuantiles(q: readonly number[], values: readonly number[], u: number): number {
  for (let i = 1; i < q.length; i++) {
    const hi = q[i] as number;
    if (u <= hi) {
      const lo = q[i - 1] as number;
      const a = values[i - 1] as number;
      const b = values[i] as number;
      return a + ((u - lo) / (hi - lo || 1)) * (b - a);
    }
  }
  return values[values.length - 1] as number;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
