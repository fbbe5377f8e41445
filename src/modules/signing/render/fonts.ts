/**
 * The fonts documents are drawn with (Noto Sans for Latin, Arabic, Hebrew, Simplified and
 * Traditional Chinese), loaded once per process: their bytes, a HarfBuzz face for shaping, and
 * hb-subset (its own small WebAssembly module) to cut each document's subset keeping glyph ids.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as hb from "harfbuzzjs";

export type Script = "latin" | "arabic" | "hebrew" | "sc" | "tc";
export type FontKey = `${Script}` | `${Script}-bold`;

const FILES: Record<Script, [pkg: string, family: string, ps: string]> = {
  latin: ["noto-sans", "NotoSans", "NotoSans"],
  arabic: ["noto-sans-arabic", "NotoSansArabic", "NotoSansArabic"],
  hebrew: ["noto-sans-hebrew", "NotoSansHebrew", "NotoSansHebrew"],
  sc: ["noto-sans-sc", "NotoSansSC", "NotoSansSC"],
  tc: ["noto-sans-tc", "NotoSansTC", "NotoSansTC"],
};

export interface LoadedFont {
  key: FontKey;
  /** PostScript-style name for the PDF (without the subset tag). */
  psName: string;
  bytes: Uint8Array;
  font: hb.Font;
  upem: number;
  ascender: number;
  descender: number;
  /** head table bounding box in font units. */
  bbox: [number, number, number, number];
  /** glyph id of a code point, or undefined when the font lacks it (cached). */
  glyphOf(cp: number): number | undefined;
  /** advance of a glyph in font units (cached). */
  advance(gid: number): number;
}

const require = createRequire(import.meta.url);
const loaded = new Map<FontKey, LoadedFont>();

function headBBox(bytes: Uint8Array): [number, number, number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint16(4);
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(bytes[rec] ?? 0, bytes[rec + 1] ?? 0, bytes[rec + 2] ?? 0, bytes[rec + 3] ?? 0);
    if (tag === "head") {
      const off = view.getUint32(rec + 8);
      return [view.getInt16(off + 36), view.getInt16(off + 38), view.getInt16(off + 40), view.getInt16(off + 42)];
    }
  }
  return [0, -300, 1000, 1000];
}

export function loadFont(key: FontKey): LoadedFont {
  const cached = loaded.get(key);
  if (cached) return cached;
  const bold = key.endsWith("-bold");
  const script = key.replace("-bold", "") as Script;
  const [pkg, family, ps] = FILES[script];
  const weight = bold ? "700Bold" : "400Regular";
  const path = require.resolve(`@expo-google-fonts/${pkg}/${weight}/${family}_${weight}.ttf`);
  const bytes = new Uint8Array(readFileSync(path));
  const face = new hb.Face(new hb.Blob(bytes));
  const font = new hb.Font(face);
  const ext = font.hExtents();
  const glyphs = new Map<number, number | undefined>();
  const advances = new Map<number, number>();
  const f: LoadedFont = {
    key,
    psName: `${ps}-${bold ? "Bold" : "Regular"}`,
    bytes,
    font,
    upem: face.upem,
    ascender: ext.ascender,
    descender: ext.descender,
    bbox: headBBox(bytes),
    glyphOf(cp) {
      if (glyphs.has(cp)) return glyphs.get(cp);
      const g = font.nominalGlyph(cp);
      const v = g ? g : undefined;
      glyphs.set(cp, v);
      return v;
    },
    advance(gid) {
      let a = advances.get(gid);
      if (a === undefined) {
        a = font.glyphHAdvance(gid);
        advances.set(gid, a);
      }
      return a;
    },
  };
  loaded.set(key, f);
  return f;
}

// ---- hb-subset (raw WebAssembly exports: the JS wrapper has no subset API) ----

interface SubsetExports {
  memory: WebAssembly.Memory;
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, len: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(b: number): void;
  hb_blob_get_data(b: number, lenPtr: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(f: number): void;
  hb_face_reference_blob(f: number): number;
  hb_set_add(s: number, v: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(i: number): void;
  hb_subset_input_glyph_set(i: number): number;
  hb_subset_input_set(i: number, which: number): number;
  hb_subset_input_set_flags(i: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize?: () => void;
}

let subsetModule: SubsetExports | null = null;
const subsetFaces = new Map<FontKey, number>();

function subsetExports(): SubsetExports {
  if (subsetModule) return subsetModule;
  const wasm = readFileSync(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
  const ex = instance.exports as unknown as SubsetExports;
  ex._initialize?.();
  subsetModule = ex;
  return ex;
}

const tag = (s: string) => ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;
const NO_HINTING = 0x1;
const RETAIN_GIDS = 0x2;
const SETS_DROP_TABLE_TAG = 3;
const DROP = ["GSUB", "GPOS", "GDEF", "BASE", "STAT", "vhea", "vmtx", "gasp", "prep", "fpgm", "cvt "];

/** A TrueType subset of `key` holding `gids` at their original glyph ids (so CID = GID stays true). */
export function subsetFont(key: FontKey, gids: Iterable<number>): Uint8Array {
  const ex = subsetExports();
  let face = subsetFaces.get(key);
  if (face === undefined) {
    const bytes = loadFont(key).bytes;
    const ptr = ex.malloc(bytes.length);
    new Uint8Array(ex.memory.buffer, ptr, bytes.length).set(bytes);
    // Mode 1 = read-only: the copy stays in the module's memory for the life of the process.
    face = ex.hb_face_create(ex.hb_blob_create(ptr, bytes.length, 1, 0, 0), 0);
    subsetFaces.set(key, face);
  }
  const input = ex.hb_subset_input_create_or_fail();
  if (!input) throw new Error("hb-subset: no input");
  try {
    const set = ex.hb_subset_input_glyph_set(input);
    ex.hb_set_add(set, 0);
    for (const g of gids) ex.hb_set_add(set, g);
    const drop = ex.hb_subset_input_set(input, SETS_DROP_TABLE_TAG);
    for (const t of DROP) ex.hb_set_add(drop, tag(t));
    ex.hb_subset_input_set_flags(input, NO_HINTING | RETAIN_GIDS);
    const result = ex.hb_subset_or_fail(face, input);
    if (!result) throw new Error(`hb-subset failed for ${key}`);
    const blob = ex.hb_face_reference_blob(result);
    const lenPtr = ex.malloc(4);
    const data = ex.hb_blob_get_data(blob, lenPtr);
    const len = new DataView(ex.memory.buffer).getUint32(lenPtr, true);
    const out = new Uint8Array(ex.memory.buffer, data, len).slice();
    ex.free(lenPtr);
    ex.hb_blob_destroy(blob);
    ex.hb_face_destroy(result);
    return out;
  } finally {
    ex.hb_subset_input_destroy(input);
  }
}
