/**
 * One line of text → positioned glyphs: itemize by script (a font per run, with fallback),
 * resolve bidi levels (paragraph direction from the document language), shape each run with
 * HarfBuzz (glyph ids, advances and x/y offsets) and put the runs in visual order (rule L2).
 */
import bidiFactory from "bidi-js";
import * as hb from "harfbuzzjs";
import { type FontKey, loadFont, type Script } from "./fonts";

export type Lang = "en" | "he" | "ar" | "zh-Hans" | "zh-Hant";

export interface Glyph {
  gid: number;
  /** Pen advance and offsets in points. */
  ax: number;
  dx: number;
  dy: number;
  /** The text this glyph stands for (for ToUnicode); "" for the extra glyphs of a cluster. */
  text: string;
}

export interface ShapedRun {
  font: FontKey;
  glyphs: Glyph[];
  width: number;
  rtl: boolean;
}

export interface ShapedLine {
  runs: ShapedRun[];
  width: number;
}

export interface TextStyle {
  size: number;
  bold?: boolean;
}

const bidi = bidiFactory();
const RTL_CHARS = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]/;

export const isRtl = (lang: Lang) => lang === "he" || lang === "ar";

/**
 * Direction of a lone value (a table cell, a name in a box): its first strong character's, and
 * left-to-right when it has none (phone numbers, IBANs, amounts keep their order in RTL documents).
 */
export function firstStrongRtl(text: string): boolean {
  for (const ch of text) {
    const c = classify(ch.codePointAt(0) ?? 0);
    if (c === "arabic" || c === "hebrew") return true;
    if (c === "latin" || c === "han") return false;
  }
  return false;
}

type Cls = Script | "han" | "neutral" | "digit";

function classify(cp: number): Cls {
  if ((cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) || (cp >= 0x08a0 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) {
    return "arabic";
  }
  if ((cp >= 0x0590 && cp <= 0x05ff) || (cp >= 0xfb1d && cp <= 0xfb4f)) return "hebrew";
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    cp >= 0x20000
  ) {
    return "han";
  }
  if (cp >= 0x30 && cp <= 0x39) return "digit";
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x52f)) return "latin";
  return "neutral";
}

export function hanScript(lang: Lang): Script {
  return lang === "zh-Hant" ? "tc" : "sc";
}

function defaultScript(lang: Lang): Script {
  if (lang === "ar") return "arabic";
  if (lang === "he") return "hebrew";
  if (lang === "zh-Hans" || lang === "zh-Hant") return hanScript(lang);
  return "latin";
}

const withWeight = (s: Script, bold: boolean): FontKey => (bold ? `${s}-bold` : s);

/** The font each code point is drawn with: its script's font, neutrals follow their neighbour, with fallback. */
function pickFonts(cps: number[], lang: Lang, bold: boolean): FontKey[] {
  const han = hanScript(lang);
  const base = defaultScript(lang);
  const scripts: (Script | null)[] = cps.map((cp) => {
    const c = classify(cp);
    if (c === "han") return han;
    if (c === "digit") return "latin";
    if (c === "neutral") return null;
    return c;
  });
  // Neutrals take the previous strong script, or the next one, or the language's.
  let prev: Script | null = null;
  for (let i = 0; i < scripts.length; i++) {
    if (scripts[i] === null) scripts[i] = prev;
    else prev = scripts[i] ?? null;
  }
  let next: Script | null = null;
  for (let i = scripts.length - 1; i >= 0; i--) {
    if (scripts[i] === null) scripts[i] = next;
    else next = scripts[i] ?? null;
  }
  const order: Script[] = ["latin", han, "arabic", "hebrew"];
  return cps.map((cp, i) => {
    const want = scripts[i] ?? base;
    if (cp === 0x20 || loadFont(withWeight(want, bold)).glyphOf(cp) !== undefined) return withWeight(want, bold);
    for (const s of order) if (loadFont(withWeight(s, bold)).glyphOf(cp) !== undefined) return withWeight(s, bold);
    return withWeight(want, bold);
  });
}

function shapeRun(text: string, font: FontKey, rtl: boolean, lang: Lang, size: number): ShapedRun {
  const f = loadFont(font);
  const scale = size / f.upem;
  const buf = new hb.Buffer();
  buf.addText(text);
  buf.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  buf.setLanguage(lang);
  buf.guessSegmentProperties();
  hb.shape(f.font, buf);
  // getGlyphInfosAndPositions defines hidden properties per glyph and is several times slower.
  const infos = buf.getGlyphInfos();
  const positions = buf.getGlyphPositions();
  const items = infos.map((g, i) => ({ ...g, ...positions[i] }));
  // Cluster text: from the cluster's start to the next larger cluster start (logical order).
  const starts = [...new Set(items.map((g) => g.cluster))].sort((a, b) => a - b);
  const endOf = new Map<number, number>();
  starts.forEach((s, i) => {
    endOf.set(s, starts[i + 1] ?? text.length);
  });
  const seen = new Set<number>();
  const glyphs: Glyph[] = [];
  let width = 0;
  // In an RTL buffer the glyphs come in visual order; the cluster's base glyph is its last one.
  const ordered = rtl ? [...items.keys()].reverse() : [...items.keys()];
  const texts = new Array<string>(items.length).fill("");
  for (const i of ordered) {
    const g = items[i];
    if (!g || seen.has(g.cluster)) continue;
    seen.add(g.cluster);
    texts[i] = text.slice(g.cluster, endOf.get(g.cluster));
  }
  items.forEach((g, i) => {
    const ax = (g.xAdvance ?? 0) * scale;
    glyphs.push({ gid: g.codepoint, ax, dx: (g.xOffset ?? 0) * scale, dy: (g.yOffset ?? 0) * scale, text: texts[i] ?? "" });
    width += ax;
  });
  return { font, glyphs, width, rtl };
}

const cache = new Map<string, ShapedLine>();

/** Shapes one line (no line breaks inside) in visual order, left to right. */
export function shapeLine(text: string, lang: Lang, style: TextStyle, rtlParagraph = isRtl(lang)): ShapedLine {
  const cacheKey = `${lang}|${style.size}|${style.bold ? 1 : 0}|${rtlParagraph ? 1 : 0}|${text}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  // Left-to-right text with no right-to-left characters needs no bidi pass (the common case).
  const levels = !rtlParagraph && !RTL_CHARS.test(text) ? new Uint8Array(text.length) : bidi.getEmbeddingLevels(text, rtlParagraph ? "rtl" : "ltr").levels;
  const cps: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    cps.push(cp);
    starts.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  const fonts = pickFonts(cps, lang, !!style.bold);
  // Runs of the same level and font, in logical order.
  const runs: Array<{ start: number; end: number; level: number; font: FontKey }> = [];
  cps.forEach((_, k) => {
    const start = starts[k] ?? 0;
    const level = levels[start] ?? 0;
    const font = fonts[k] as FontKey;
    const last = runs[runs.length - 1];
    if (last && last.level === level && last.font === font) last.end = starts[k + 1] ?? text.length;
    else runs.push({ start, end: starts[k + 1] ?? text.length, level, font });
  });
  // Rule L2: from the highest level down to the lowest odd level, reverse runs at or above it.
  const max = Math.max(0, ...runs.map((r) => r.level));
  const minOdd = Math.min(...runs.map((r) => (r.level % 2 ? r.level : r.level + 1)), max + 1);
  for (let lvl = max; lvl >= minOdd; lvl--) {
    for (let i = 0; i < runs.length; ) {
      if ((runs[i]?.level ?? 0) < lvl) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && (runs[j]?.level ?? 0) >= lvl) j++;
      const part = runs.slice(i, j).reverse();
      runs.splice(i, j - i, ...part);
      i = j;
    }
  }
  const shaped = runs.map((r) => shapeRun(text.slice(r.start, r.end), r.font, r.level % 2 === 1, lang, style.size));
  const line = { runs: shaped, width: shaped.reduce((n, r) => n + r.width, 0) };
  if (cache.size > 5000) cache.clear();
  cache.set(cacheKey, line);
  return line;
}

export function measure(text: string, lang: Lang, style: TextStyle): number {
  return shapeLine(text, lang, style).width;
}

const CLOSING = new Set([..."，。、）」』》〉】；：！？,.;:!?)]}%·…"]);
const OPENING = new Set([..."（「『《〈【([{"]);
const isHan = (ch: string) => classify(ch.codePointAt(0) ?? 0) === "han";

/** Splits a paragraph into unbreakable units (a word with its trailing spaces, or one Han character). */
export function breakUnits(text: string): string[] {
  const chars = [...text];
  const units: string[] = [];
  let cur = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const next = chars[i + 1];
    cur += ch;
    if (next === undefined) break;
    const spaceBreak = (ch === " " || ch === "\u3000") && next !== " ";
    const hanBreak = (isHan(ch) || isHan(next)) && !CLOSING.has(next) && !OPENING.has(ch) && next !== " ";
    const hyphenBreak = (ch === "-" || ch === "/") && cur.length > 3;
    if (spaceBreak || hanBreak || hyphenBreak) {
      units.push(cur);
      cur = "";
    }
  }
  if (cur) units.push(cur);
  return units;
}

/** Wraps a paragraph to `width` points: returns the lines (logical order, trailing spaces trimmed). */
export function wrap(text: string, width: number, lang: Lang, style: TextStyle): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    let lineWidth = 0; // width of `line` including its trailing spaces
    for (const unit of breakUnits(para)) {
      // Units are measured alone and summed: breaks fall at spaces and between Han characters,
      // where shaping does not join across, so the sum is the line's width.
      const trimmed = measure(unit.trimEnd(), lang, style);
      const full = unit === unit.trimEnd() ? trimmed : measure(unit, lang, style);
      if (!line || lineWidth + trimmed <= width) {
        line += unit;
        lineWidth += full;
      } else {
        lines.push(line.trimEnd());
        line = unit;
        lineWidth = full;
      }
      // A unit longer than the width (a user agent, a long reference) is cut by characters.
      while (measure(line.trimEnd(), lang, style) > width && [...line].length > 1) {
        const chars = [...line];
        let n = chars.length - 1;
        while (n > 1 && measure(chars.slice(0, n).join(""), lang, style) > width) n--;
        lines.push(chars.slice(0, n).join(""));
        line = chars.slice(n).join("");
        lineWidth = measure(line, lang, style);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
