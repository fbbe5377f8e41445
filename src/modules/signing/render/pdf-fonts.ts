/**
 * Fonts inside one PDF: each font used gets a reference up front (pages point at it), the glyphs
 * drawn are recorded, and `embed()` writes each as a Type0 / CIDFontType2 font (Identity-H,
 * CIDToGIDMap Identity, W widths, ToUnicode) over an hb-subset that kept the glyph ids.
 */
import { createHash } from "node:crypto";
import { type PDFDocument, PDFName, type PDFRef, PDFString } from "pdf-lib";
import { type FontKey, loadFont, subsetFont } from "./fonts";

interface Used {
  name: string;
  ref: PDFRef;
  glyphs: Map<number, string>;
}

const hex4 = (n: number) => n.toString(16).padStart(4, "0").toUpperCase();

function utf16Hex(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += hex4(s.charCodeAt(i));
  return out;
}

export class PdfFonts {
  private used = new Map<FontKey, Used>();
  constructor(
    private readonly doc: PDFDocument,
    private readonly prefix = "AF",
  ) {}

  /** The resource name and reference of `font` in this document. */
  font(key: FontKey): { name: string; ref: PDFRef } {
    let u = this.used.get(key);
    if (!u) {
      u = { name: `${this.prefix}${this.used.size + 1}`, ref: this.doc.context.nextRef(), glyphs: new Map() };
      this.used.set(key, u);
    }
    return u;
  }

  /** Records that `gid` of `font` is drawn, standing for `text` (first mapping wins). */
  glyph(key: FontKey, gid: number, text: string): void {
    this.font(key);
    const u = this.used.get(key);
    if (!u) return;
    const had = u.glyphs.get(gid);
    if (had === undefined || (had === "" && text)) u.glyphs.set(gid, text);
  }

  /** Writes every font used (call once, after all drawing). */
  embed(): void {
    const ctx = this.doc.context;
    for (const [key, u] of this.used) {
      const f = loadFont(key);
      const gids = [...u.glyphs.keys()].sort((a, b) => a - b);
      const k = 1000 / f.upem;
      const subset = subsetFont(key, gids);
      const tag = [...createHash("sha256").update(`${key}:${gids.join(",")}`).digest()]
        .slice(0, 6)
        .map((b) => String.fromCharCode(65 + (b % 26)))
        .join("");
      const baseFont = `${tag}+${f.psName}`;
      const fontFile = ctx.flateStream(subset, { Length1: subset.length });
      const descriptor = ctx.obj({
        Type: "FontDescriptor",
        FontName: PDFName.of(baseFont),
        Flags: 4,
        FontBBox: f.bbox.map((v) => Math.round(v * k)),
        ItalicAngle: 0,
        Ascent: Math.round(f.ascender * k),
        Descent: Math.round(f.descender * k),
        CapHeight: Math.round(f.ascender * k * 0.7),
        StemV: key.endsWith("bold") ? 120 : 80,
        FontFile2: ctx.register(fontFile),
      });
      // W: runs of consecutive glyph ids → [first [w1 w2 …]].
      const w: Array<number | number[]> = [];
      let run: number[] = [];
      let first = -2;
      let prev = -2;
      for (const g of gids) {
        const width = Math.round(f.advance(g) * k);
        if (g === prev + 1) run.push(width);
        else {
          if (run.length) w.push(first, run);
          first = g;
          run = [width];
        }
        prev = g;
      }
      if (run.length) w.push(first, run);
      const cid = ctx.obj({
        Type: "Font",
        Subtype: "CIDFontType2",
        BaseFont: PDFName.of(baseFont),
        CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
        FontDescriptor: ctx.register(descriptor),
        DW: 1000,
        W: w,
        CIDToGIDMap: "Identity",
      });
      const toUnicode = ctx.flateStream(toUnicodeCMap(u.glyphs));
      const type0 = ctx.obj({
        Type: "Font",
        Subtype: "Type0",
        BaseFont: PDFName.of(baseFont),
        Encoding: "Identity-H",
        DescendantFonts: [ctx.register(cid)],
        ToUnicode: ctx.register(toUnicode),
      });
      ctx.assign(u.ref, type0);
    }
  }
}

function toUnicodeCMap(glyphs: Map<number, string>): string {
  const entries = [...glyphs].filter(([, t]) => t !== "").sort((a, b) => a[0] - b[0]);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.map(([g, t]) => `<${hex4(g)}> <${utf16Hex(t)}>`).join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <FFFF>",
    "endcodespacerange",
    ...chunks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}
