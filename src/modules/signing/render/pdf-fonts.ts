/**
 * Fonts inside one PDF: each font used gets a reference up front (pages point at it), the glyphs
 * drawn are recorded, and `embed()` writes each as a Type0 / CIDFontType2 font (Identity-H,
 * a CIDToGIDMap stream, W widths, ToUnicode) over an hb-subset that kept the glyph ids.
 */
import { createHash } from "node:crypto";
import { type PDFDocument, PDFName, type PDFRef, PDFString } from "pdf-lib";
import { type FontKey, loadFont, subsetFont } from "./fonts";

interface Used {
  name: string;
  ref: PDFRef;
  /** "gid|text" → CID. One glyph may stand for different text (Arabic letters share dotless bodies). */
  cids: Map<string, number>;
  /** By CID - 1: the glyph drawn and the text it stands for. */
  glyphs: Array<{ gid: number; text: string }>;
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
      u = { name: `${this.prefix}${this.used.size + 1}`, ref: this.doc.context.nextRef(), cids: new Map(), glyphs: [] };
      this.used.set(key, u);
    }
    return u;
  }

  /**
   * The CID to draw glyph `gid` of `font` standing for `text`. Each (glyph, text) pair gets its own
   * CID (CIDToGIDMap maps it back to the glyph) so ToUnicode can say what each occurrence means.
   */
  glyph(key: FontKey, gid: number, text: string): number {
    this.font(key);
    const u = this.used.get(key) as Used;
    const id = `${gid}|${text}`;
    let cid = u.cids.get(id);
    if (cid === undefined) {
      u.glyphs.push({ gid, text });
      cid = u.glyphs.length;
      u.cids.set(id, cid);
    }
    return cid;
  }

  /** Writes every font used (call once, after all drawing). */
  embed(): void {
    const ctx = this.doc.context;
    for (const [key, u] of this.used) {
      const f = loadFont(key);
      const gids = [...new Set(u.glyphs.map((g) => g.gid))].sort((a, b) => a - b);
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
      // CIDs are 1..n in order of first use: W lists their widths in one run, CIDToGIDMap their glyphs.
      const widths = u.glyphs.map((g) => Math.round(f.advance(g.gid) * k));
      const map = new Uint8Array((u.glyphs.length + 1) * 2);
      u.glyphs.forEach((g, i) => {
        map[(i + 1) * 2] = g.gid >> 8;
        map[(i + 1) * 2 + 1] = g.gid & 0xff;
      });
      const cid = ctx.obj({
        Type: "Font",
        Subtype: "CIDFontType2",
        BaseFont: PDFName.of(baseFont),
        CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
        FontDescriptor: ctx.register(descriptor),
        DW: 1000,
        W: [1, widths],
        CIDToGIDMap: ctx.register(ctx.flateStream(map)),
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

function toUnicodeCMap(glyphs: Array<{ gid: number; text: string }>): string {
  const entries = glyphs.map((g, i): [number, string] => [i + 1, g.text]).filter(([, t]) => t !== "");
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
