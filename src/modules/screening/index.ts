/**
 * The in-memory screening index over the active versions of every list: names and aliases
 * pre-normalised into a vocabulary of distinct tokens (each with its phonetic keys), postings from
 * token to names, and blocking keys from token to similar tokens (Double Metaphone keys, first two
 * letters, consonant skeleton). A query scores its tokens against the few vocabulary tokens that
 * share a blocking key, follows the postings of those at or above PAIR_MIN to candidate names,
 * drops candidates whose best possible score (all hit tokens perfect, plus the largest evidence
 * bonus) is below the threshold, and aligns the rest (score.ts). `screen` is synchronous, for
 * bulk re-screening; `screenNaive` scores every name and is the benchmark's peer.
 */
import type { EntryKind } from "../../db/schema-compliance";
import { bandOf } from "./bands";
import { adjust, alignScore, type BirthSpan, clamp01, MAX_BONUS, nameScore, PAIR_MIN, parseBirthDates, prepareName, prepareToken, type QueryEvidence, queryEvidence, type Tok, tokenSim, UNMATCHED_LIST, UNMATCHED_QUERY, WEAK_ALIAS_PENALTY } from "./score";
import { normaliseTokens } from "./normalise";
import { skeleton } from "./phonetic";
import type { Bands, ScreeningMatch, ScreeningQuery } from "./types";

/** One row of screening_entries as the index reads it. */
export interface EntryRow {
  list_id: string;
  version: number;
  entry_id: string;
  kind: EntryKind;
  name: string;
  aliases: Array<{ name: string; quality: "strong" | "weak" }>;
  birth_dates: string[];
  nationalities: string[];
  programs: string[];
}

export interface IndexedEntry {
  list: string;
  version: number;
  entryId: string;
  kind: EntryKind;
  name: string;
  programs: string[];
  birthDates: string[];
  nationalities: string[];
  births: BirthSpan[];
}

export interface ScreenOptions {
  /** Most matches returned (default 50). */
  limit?: number;
  /** Lowest score returned (default: the bands' `edd`). */
  minScore?: number;
}

export interface ScreeningIndex {
  listVersion: string;
  /** Entries and names (primary names plus aliases) indexed. */
  entries: number;
  names: number;
  screen(q: ScreeningQuery, bands: Bands, opts?: ScreenOptions): ScreeningMatch[];
}

export const DEFAULT_LIMIT = 50;

export class NameIndex implements ScreeningIndex {
  readonly entries: number;
  readonly names: number;
  readonly entryList: IndexedEntry[] = [];
  private readonly vocab: Tok[] = [];
  private readonly vocabIds = new Map<string, number>();
  private readonly blocks = new Map<string, number[]>();
  private postings: Int32Array[] = [];
  private readonly nameEntry: Int32Array;
  private readonly nameWeak: Uint8Array;
  private readonly nameText: string[] = [];
  private readonly tokStart: Int32Array;
  private readonly tokIds: Int32Array;
  private readonly nameWeight: Float32Array;
  // Per-query scratch (screen is synchronous, so one set serves every call).
  private readonly stamp: Uint32Array;
  private readonly accQraw: Float32Array;
  private readonly accL: Float32Array;
  private readonly touched: Int32Array;
  private readonly entryStamp: Uint32Array;
  private readonly entryBest: Float64Array;
  private readonly entryName: Int32Array;
  private readonly vocabStamp: Uint32Array;
  private gen = 0;

  constructor(
    readonly listVersion: string,
    rows: EntryRow[],
  ) {
    const nameEntry: number[] = [];
    const nameWeak: number[] = [];
    const tokStart: number[] = [0];
    const tokIds: number[] = [];
    const nameWeight: number[] = [];
    const post: number[][] = [];
    for (const row of rows) {
      const e = this.entryList.length;
      this.entryList.push({
        list: row.list_id,
        version: row.version,
        entryId: row.entry_id,
        kind: row.kind,
        name: row.name,
        programs: row.programs ?? [],
        birthDates: row.birth_dates ?? [],
        nationalities: row.nationalities ?? [],
        births: parseBirthDates(row.birth_dates ?? []),
      });
      const seen = new Set<string>();
      const names = [{ name: row.name, quality: "strong" as const }, ...(row.aliases ?? [])];
      for (const alias of names) {
        const toks = normaliseTokens(alias.name).slice(0, 16);
        const key = toks.map((t) => t.text).join(" ");
        if (toks.length === 0 || seen.has(key)) continue;
        seen.add(key);
        const n = nameEntry.length;
        nameEntry.push(e);
        nameWeak.push(alias.quality === "weak" ? 1 : 0);
        this.nameText.push(alias.name);
        let w = 0;
        const mine = new Set<number>();
        for (const t of toks) {
          const id = this.vocabId(t.text, t.abjad, post);
          tokIds.push(id);
          w += (this.vocab[id] as Tok).weight;
          if (!mine.has(id)) {
            mine.add(id);
            (post[id] as number[]).push(n);
          }
        }
        nameWeight.push(w);
        tokStart.push(tokIds.length);
      }
    }
    this.postings = post.map((p) => Int32Array.from(p));
    this.nameEntry = Int32Array.from(nameEntry);
    this.nameWeak = Uint8Array.from(nameWeak);
    this.tokStart = Int32Array.from(tokStart);
    this.tokIds = Int32Array.from(tokIds);
    this.nameWeight = Float32Array.from(nameWeight);
    this.entries = this.entryList.length;
    this.names = nameEntry.length;
    this.stamp = new Uint32Array(this.names);
    this.accQraw = new Float32Array(this.names);
    this.accL = new Float32Array(this.names);
    this.touched = new Int32Array(this.names);
    this.entryStamp = new Uint32Array(this.entries);
    this.entryBest = new Float64Array(this.entries);
    this.entryName = new Int32Array(this.entries);
    this.vocabStamp = new Uint32Array(this.vocab.length);
  }

  private vocabId(text: string, abjad: boolean, post: number[][]): number {
    const key = abjad ? `~${text}` : text;
    const known = this.vocabIds.get(key);
    if (known !== undefined) return known;
    const id = this.vocab.length;
    const tok = prepareToken({ text, abjad });
    this.vocab.push(tok);
    this.vocabIds.set(key, id);
    post.push([]);
    for (const b of blockKeys(tok)) {
      const list = this.blocks.get(b);
      if (list) list.push(id);
      else this.blocks.set(b, [id]);
    }
    return id;
  }

  /** Vocabulary tokens similar to `q` (≥ PAIR_MIN) among those sharing a blocking key. */
  private similar(q: Tok): Map<number, number> {
    const out = new Map<number, number>();
    if (++this.gen === 0xffffffff) this.resetStamps();
    const g = this.gen;
    for (const b of blockKeys(q)) {
      const ids = this.blocks.get(b);
      if (!ids) continue;
      for (const id of ids) {
        if (this.vocabStamp[id] === g) continue;
        this.vocabStamp[id] = g;
        const s = tokenSim(q, this.vocab[id] as Tok);
        if (s >= PAIR_MIN) out.set(id, s);
      }
    }
    return out;
  }

  private resetStamps(): void {
    this.stamp.fill(0);
    this.entryStamp.fill(0);
    this.vocabStamp.fill(0);
    this.gen = 1;
  }

  screen(q: ScreeningQuery, bands: Bands, opts: ScreenOptions = {}): ScreeningMatch[] {
    const qt = prepareName(q.name).slice(0, 16);
    if (qt.length === 0 || this.names === 0) return [];
    const minScore = opts.minScore ?? bands.edd;
    const ev = queryEvidence(q.birthDate, q.country);
    const hits = qt.map((t) => this.similar(t));
    if (++this.gen === 0xffffffff) this.resetStamps();
    const g = this.gen;
    let touchedCount = 0;
    let qTotal = 0;
    for (let i = 0; i < qt.length; i++) {
      const wq = (qt[i] as Tok).weight;
      qTotal += wq;
      for (const v of (hits[i] as Map<number, number>).keys()) {
        const wl = (this.vocab[v] as Tok).weight;
        const post = this.postings[v] as Int32Array;
        for (let k = 0; k < post.length; k++) {
          const n = post[k] as number;
          if (this.stamp[n] !== g) {
            this.stamp[n] = g;
            this.accQraw[n] = 0;
            this.accL[n] = 0;
            this.touched[touchedCount++] = n;
          }
          this.accQraw[n] = (this.accQraw[n] as number) + wq;
          this.accL[n] = (this.accL[n] as number) + wl;
        }
      }
    }
    const floor = minScore - (ev.year !== null || ev.country !== null ? MAX_BONUS : 0);
    let start = 0;
    let end = 0;
    const wq = (i: number) => (qt[i] as Tok).weight;
    const wl = (j: number) => (this.vocab[this.tokIds[start + j] as number] as Tok).weight;
    let row = 0;
    const sim = (i: number, j: number) => (hits[i] as Map<number, number>).get(this.tokIds[start + j] as number) ?? 0;
    const touchedEntries: number[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const n = this.touched[k] as number;
      // Upper bound of the score: every hit token matched perfectly, the rest unmatched (score.ts rule 2).
      const qMatched = Math.min(this.accQraw[n] as number, qTotal);
      const lMatched = Math.min(this.accL[n] as number, this.nameWeight[n] as number);
      const m = qMatched + lMatched;
      const bound = m / (m + UNMATCHED_QUERY * (qTotal - qMatched) + UNMATCHED_LIST * ((this.nameWeight[n] as number) - lMatched));
      if (bound < floor) continue;
      start = this.tokStart[n] as number;
      end = this.tokStart[n + 1] as number;
      row = n;
      let s = alignScore(qt.length, end - start, wq, wl, sim);
      if (this.nameWeak[row]) s -= WEAK_ALIAS_PENALTY;
      this.keep(n, s, g, touchedEntries);
    }
    return this.finish(touchedEntries, ev, bands, minScore, opts.limit ?? DEFAULT_LIMIT);
  }

  /** Every name scored from the strings, no blocking: the peer the benchmark measures against. */
  screenNaive(q: ScreeningQuery, bands: Bands, opts: ScreenOptions = {}): ScreeningMatch[] {
    const qt = prepareName(q.name).slice(0, 16);
    if (qt.length === 0) return [];
    const minScore = opts.minScore ?? bands.edd;
    const ev = queryEvidence(q.birthDate, q.country);
    if (++this.gen === 0xffffffff) this.resetStamps();
    const touchedEntries: number[] = [];
    const toks: Tok[] = [];
    for (let n = 0; n < this.names; n++) {
      toks.length = 0;
      for (let k = this.tokStart[n] as number; k < (this.tokStart[n + 1] as number); k++) toks.push(this.vocab[this.tokIds[k] as number] as Tok);
      let s = nameScore(qt, toks);
      if (this.nameWeak[n]) s -= WEAK_ALIAS_PENALTY;
      this.keep(n, s, this.gen, touchedEntries);
    }
    return this.finish(touchedEntries, ev, bands, minScore, opts.limit ?? DEFAULT_LIMIT);
  }

  private keep(n: number, s: number, g: number, touchedEntries: number[]): void {
    const e = this.nameEntry[n] as number;
    if (this.entryStamp[e] !== g) {
      this.entryStamp[e] = g;
      this.entryBest[e] = s;
      this.entryName[e] = n;
      touchedEntries.push(e);
    } else if (s > (this.entryBest[e] as number)) {
      this.entryBest[e] = s;
      this.entryName[e] = n;
    }
  }

  private finish(touchedEntries: number[], ev: QueryEvidence, bands: Bands, minScore: number, limit: number): ScreeningMatch[] {
    const out: ScreeningMatch[] = [];
    for (const e of touchedEntries) {
      const entry = this.entryList[e] as IndexedEntry;
      const score = round(clamp01((this.entryBest[e] as number) + adjust(ev, entry.births, entry.nationalities)));
      if (score < minScore || score <= 0) continue;
      out.push({ list: entry.list, listVersion: entry.version, entryId: entry.entryId, name: entry.name, matchedName: this.nameText[this.entryName[e] as number] as string, score, band: bandOf(score, bands) });
    }
    out.sort((a, b) => b.score - a.score || a.list.localeCompare(b.list) || a.entryId.localeCompare(b.entryId));
    return out.slice(0, Math.max(0, limit));
  }

  /** One indexed entry, for the details view. */
  entry(list: string, entryId: string): IndexedEntry | undefined {
    return this.entryList.find((e) => e.list === list && e.entryId === entryId);
  }
}

/**
 * Blocking keys of a token: its phonetic keys, its first two letters, its last three and all but
 * its first (a typo at the start), its consonant skeleton with and without its first consonant. A pair at or above
 * PAIR_MIN almost always shares one of them (the benchmark prints the recall against a full scan).
 */
function blockKeys(t: Tok): string[] {
  const keys: string[] = [];
  if (t.k1) keys.push(`k:${t.k1}`);
  if (t.k2) keys.push(`k:${t.k2}`);
  if (t.text.length >= 2) keys.push(`p:${t.text.slice(0, 2)}`);
  else keys.push(`x:${t.text}`);
  if (t.text.length >= 5) keys.push(`l:${t.text.slice(-3)}`);
  if (t.text.length >= 4) keys.push(`t:${t.text.slice(1)}`);
  if (t.skel.length >= 2) keys.push(`s:${t.skel}`);
  // The skeleton without its first consonant: a different first letter (Kang / Pang, Khasan / Hassan).
  if (t.skel.length >= 3) keys.push(`s:${t.skel.slice(1)}`);
  // Transliteration variants folded (kh/h, sh/s, ph/f, w/v, q/k, doubled letters): Dariuskh / Dariush,
  // Skhirrazi / Shirazi share a start and a skeleton once folded.
  const folded = fold(t.text);
  if (folded !== t.text && folded.length >= 2) {
    keys.push(`p:${folded.slice(0, 2)}`);
    const fs = skeleton(folded);
    if (fs.length >= 2) keys.push(`s:${fs}`);
  }
  return keys;
}

/** A token with the usual Latin transliteration variants folded to one spelling. */
export function fold(text: string): string {
  return text
    .replace(/kh|gh/g, "h")
    .replace(/([sctz])h/g, "$1")
    .replace(/ph/g, "f")
    .replace(/w/g, "v")
    .replace(/ck|q|c(?=[aou])/g, "k")
    .replace(/y/g, "i")
    .replace(/(.)\1+/g, "$1");
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
