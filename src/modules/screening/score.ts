/**
 * How a name scores against a list name (0..1), in three steps:
 *
 * 1. Token similarity: Jaro-Winkler of the two tokens. When their Double Metaphone keys agree
 *    (primary or alternate, keys of 2+ sounds) the pair closes part of its distance to 1:
 *    JW + (1 − JW)·0.6 for keys of 3+ sounds, ·0.3 for keys of 2 (short keys agree by chance more
 *    often: John / Jane). Mohammed / Muhammad / Mohamed, Usama / Osama, Yusuf / Youssef ≥ 0.9. When either token came from Arabic or Hebrew
 *    script without vowel points, the consonant skeletons also count: 0.92·JW(skeletons)
 *    (محمد → mhmd ≈ muhammad).
 * 2. Alignment, word order free: the best pairs are taken greedily (each token used once). A pair
 *    below PAIR_MIN (0.8) is no match: two different names often reach 0.7 (Ahmad / Aisha).
 *    Each token weighs its length (2..10; particles such as bin, abu, van, de weigh 1).
 *    score = Σ sim·(wq + wl) / (Σ (wq + wl) + 1·unmatched query weight + 0.35·unmatched list
 *    weight): a name part the list does not have counts fully against the match (Mohammed Smith
 *    is not Mohammed Ali Hassan: 0.66), a list's extra middle names or patronymics count a third
 *    (customers rarely give all of them: John Smith ≈ John Robert Smith, 0.90).
 * 3. Evidence, only when both sides have it (score.ts `adjust`): birth date equal +0.04, same year
 *    (or within the list's range) +0.02, one year apart 0, further apart −0.10; nationality equal
 *    +0.02, different −0.05. An exact name therefore never drops below review on these alone.
 *    Weak aliases score 0.05 less. Entities and individuals are scored alike. Clamped to 0..1.
 */
import { jaroWinkler } from "./jaro";
import { type NameToken, normaliseTokens, PARTICLES } from "./normalise";
import { phoneticKeys, skeleton } from "./phonetic";

export interface Tok {
  text: string;
  k1: string;
  k2: string;
  skel: string;
  abjad: boolean;
  weight: number;
}

export const PAIR_MIN = 0.8;
/** Share of the distance to 1 that agreeing phonetic keys close: keys of 3+ sounds, of 2 sounds. */
export const LIFT_LONG = 0.6;
export const LIFT_SHORT = 0.3;
export const UNMATCHED_QUERY = 1;
export const UNMATCHED_LIST = 0.35;
export const WEAK_ALIAS_PENALTY = 0.05;
export const DOB_EXACT = 0.04;
export const DOB_YEAR = 0.02;
export const DOB_MISMATCH = -0.1;
export const COUNTRY_MATCH = 0.02;
export const COUNTRY_MISMATCH = -0.05;
/** The most the evidence can add: pruning keeps candidates that could reach the threshold with it. */
export const MAX_BONUS = DOB_EXACT + COUNTRY_MATCH;

export function tokenWeight(text: string): number {
  if (PARTICLES.has(text)) return 1;
  return Math.min(10, Math.max(2, text.length));
}

export function prepareToken(t: NameToken): Tok {
  const k = phoneticKeys(t.text);
  return { text: t.text, k1: k.primary, k2: k.alternate, skel: skeleton(t.text), abjad: t.abjad, weight: tokenWeight(t.text) };
}

export function prepareName(name: string): Tok[] {
  return normaliseTokens(name).map(prepareToken);
}

function keysAgree(a: Tok, b: Tok): number {
  let len = 0;
  if (a.k1 !== "" && (a.k1 === b.k1 || a.k1 === b.k2)) len = a.k1.length;
  if (a.k2 !== "" && (a.k2 === b.k1 || a.k2 === b.k2)) len = Math.max(len, a.k2.length);
  return len;
}

/** Similarity of two tokens in 0..1 (rule 1). */
export function tokenSim(a: Tok, b: Tok): number {
  if (a.text === b.text) return 1;
  let s = jaroWinkler(a.text, b.text);
  const agree = keysAgree(a, b);
  if (agree >= 2) s += (1 - s) * (agree >= 3 ? LIFT_LONG : LIFT_SHORT);
  if ((a.abjad || b.abjad) && a.skel.length >= 2 && b.skel.length >= 2) {
    const k = 0.92 * jaroWinkler(a.skel, b.skel);
    if (k > s) s = k;
  }
  return s;
}

const used = { q: new Uint8Array(32), l: new Uint8Array(32) };

/**
 * Rule 2 over nq query tokens and nl list tokens: `sim(i, j)` gives the pair's similarity, `wq`/`wl`
 * the weights. Greedy best-pair alignment; no allocation beyond the two reusable flag buffers.
 */
export function alignScore(nq: number, nl: number, wq: (i: number) => number, wl: (j: number) => number, sim: (i: number, j: number) => number): number {
  if (nq === 0 || nl === 0) return 0;
  if (used.q.length < nq || used.l.length < nl) {
    used.q = new Uint8Array(Math.max(nq, nl) * 2);
    used.l = new Uint8Array(Math.max(nq, nl) * 2);
  }
  used.q.fill(0, 0, nq);
  used.l.fill(0, 0, nl);
  let num = 0;
  let den = 0;
  const pairs = Math.min(nq , nl);
  for (let p = 0; p < pairs; p++) {
    let best = PAIR_MIN;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < nq; i++) {
      if (used.q[i]) continue;
      for (let j = 0; j < nl; j++) {
        if (used.l[j]) continue;
        const s = sim(i, j);
        if (s > best || (s === best && bi < 0)) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    used.q[bi] = 1;
    used.l[bj] = 1;
    const w = wq(bi) + wl(bj);
    num += best * w;
    den += w;
  }
  if (num === 0) return 0;
  for (let i = 0; i < nq; i++) if (!used.q[i]) den += UNMATCHED_QUERY * wq(i);
  for (let j = 0; j < nl; j++) if (!used.l[j]) den += UNMATCHED_LIST * wl(j);
  return num / den;
}

let matrix = new Float64Array(64);

/** Name against name from prepared tokens (the naive path: every pair computed from the strings). */
export function nameScore(q: Tok[], l: Tok[]): number {
  const nl = l.length;
  if (matrix.length < q.length * nl) matrix = new Float64Array(q.length * nl * 2);
  for (let i = 0; i < q.length; i++) for (let j = 0; j < nl; j++) matrix[i * nl + j] = tokenSim(q[i] as Tok, l[j] as Tok);
  return alignScore(
    q.length,
    nl,
    (i) => (q[i] as Tok).weight,
    (j) => (l[j] as Tok).weight,
    (i, j) => matrix[i * nl + j] as number,
  );
}

/** A list's birth date as a year range (a single year: from = to) and the full date when it has one. */
export interface BirthSpan {
  from: number;
  to: number;
  date: string | null;
}

export function parseBirthDates(values: string[]): BirthSpan[] {
  const out: BirthSpan[] = [];
  for (const v of values) {
    const s = String(v).trim();
    const range = /^(\d{4})\s*(?:-|–|to|\/|\.\.)\s*(\d{4})$/.exec(s);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      out.push({ from: Math.min(a, b), to: Math.max(a, b), date: null });
      continue;
    }
    const year = /(\d{4})/.exec(s);
    if (year) out.push({ from: Number(year[1]), to: Number(year[1]), date: /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null });
  }
  return out;
}

/** The query's evidence, parsed once. */
export interface QueryEvidence {
  year: number | null;
  date: string | null;
  country: string | null;
}

export function queryEvidence(birthDate?: string, country?: string): QueryEvidence {
  const year = birthDate ? /^(\d{4})/.exec(birthDate) : null;
  return {
    year: year ? Number(year[1]) : null,
    date: birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : null,
    country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
  };
}

/** Rule 3: the birth-date and nationality adjustment of one entry (0 when either side lacks the data). */
export function adjust(q: QueryEvidence, births: BirthSpan[], nationalities: string[]): number {
  let d = 0;
  if (q.year !== null && births.length > 0) {
    let best = DOB_MISMATCH;
    for (const b of births) {
      let v: number;
      if (q.date !== null && b.date === q.date) v = DOB_EXACT;
      else if (q.year >= b.from && q.year <= b.to) v = DOB_YEAR;
      else if (q.year >= b.from - 1 && q.year <= b.to + 1) v = 0;
      else v = DOB_MISMATCH;
      if (v > best) best = v;
    }
    d += best;
  }
  if (q.country !== null) {
    const codes = nationalities.filter((n) => /^[A-Za-z]{2}$/.test(n)).map((n) => n.toUpperCase());
    if (codes.length > 0) d += codes.includes(q.country) ? COUNTRY_MATCH : COUNTRY_MISMATCH;
  }
  return d;
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : Math.min(x , 1);
}
