/**
 * Drawing on PDF pages with our own content streams: shaped text (one positioned glyph at a
 * time, honouring HarfBuzz offsets), rectangles, lines, images. `Flow` adds a cursor, wrapping,
 * direction-aware alignment and page breaks for generated documents.
 */
import { type PDFDocument, type PDFImage, PDFName, type PDFPage } from "pdf-lib";
import { PdfFonts } from "./pdf-fonts";
import { isRtl, type Lang, type ShapedLine, shapeLine, type TextStyle, wrap } from "./shape";

export type Rgb = [number, number, number];
export const INK: Rgb = [0.1, 0.12, 0.16];
export const MUTED: Rgb = [0.38, 0.4, 0.45];
export const ACCENT: Rgb = [0.09, 0.27, 0.55];

const n = (v: number) => (Math.round(v * 100) / 100).toString();
const rgb = (c: Rgb) => c.map(n).join(" ");

export interface DrawText extends TextStyle {
  color?: Rgb;
  /** Horizontal shear (an italic look for typed signatures). */
  skew?: number;
}

export class PageCanvas {
  readonly ops: string[] = [];
  constructor(
    readonly page: PDFPage,
    private readonly canvas: Canvas,
  ) {}

  get width() {
    return this.page.getWidth();
  }
  get height() {
    return this.page.getHeight();
  }

  /** Draws a shaped line with its left edge at x and baseline at y. */
  line(shaped: ShapedLine, x: number, y: number, style: DrawText): void {
    const fonts = this.canvas.fonts;
    const out: string[] = ["BT", `${rgb(style.color ?? INK)} rg`];
    let pen = x;
    const skew = style.skew ?? 0;
    for (const run of shaped.runs) {
      const { name } = fonts.font(run.font);
      this.page.node.setFontDictionary(PDFName.of(name), fonts.font(run.font).ref);
      out.push(`/${name} ${n(style.size)} Tf`);
      for (const g of run.glyphs) {
        const cid = fonts.glyph(run.font, g.gid, g.text);
        out.push(`1 0 ${n(skew)} 1 ${n(pen + g.dx)} ${n(y + g.dy)} Tm <${cid.toString(16).padStart(4, "0")}> Tj`);
        pen += g.ax;
      }
    }
    out.push("ET");
    this.ops.push(out.join("\n"));
  }

  /** Shapes and draws `text` on one line; align "left" | "right" | "center" relative to [x, x+width]. */
  text(text: string, x: number, y: number, style: DrawText & { lang: Lang; width?: number; align?: "left" | "right" | "center"; rtl?: boolean }): number {
    const shaped = shapeLine(text, style.lang, style, style.rtl ?? isRtl(style.lang));
    const w = style.width ?? shaped.width;
    const left = style.align === "right" ? x + w - shaped.width : style.align === "center" ? x + (w - shaped.width) / 2 : x;
    this.line(shaped, left, y, style);
    return shaped.width;
  }

  rect(x: number, y: number, w: number, h: number, opts: { stroke?: Rgb; fill?: Rgb; lineWidth?: number; dash?: boolean }): void {
    const ops = ["q"];
    if (opts.fill) ops.push(`${rgb(opts.fill)} rg`);
    if (opts.stroke) ops.push(`${rgb(opts.stroke)} RG ${n(opts.lineWidth ?? 0.8)} w`);
    if (opts.dash) ops.push("[3 2] 0 d");
    ops.push(`${n(x)} ${n(y)} ${n(w)} ${n(h)} re ${opts.fill && opts.stroke ? "B" : opts.fill ? "f" : "S"}`, "Q");
    this.ops.push(ops.join("\n"));
  }

  stroke(points: Array<[number, number]>, color: Rgb = INK, width = 0.8): void {
    const [first, ...rest] = points;
    if (!first) return;
    const path = [`${n(first[0])} ${n(first[1])} m`, ...rest.map(([a, b]) => `${n(a)} ${n(b)} l`)].join(" ");
    this.ops.push(`q ${rgb(color)} RG ${n(width)} w 1 J 1 j ${path} S Q`);
  }

  image(img: PDFImage, x: number, y: number, w: number, h: number): void {
    const name = `${this.canvas.prefix}I${this.canvas.nextImage()}`;
    this.page.node.setXObject(PDFName.of(name), img.ref);
    this.ops.push(`q ${n(w)} 0 0 ${n(h)} ${n(x)} ${n(y)} cm /${name} Do Q`);
  }
}

/** Everything drawn on one document; `finish()` writes the content and the fonts. */
export class Canvas {
  readonly fonts: PdfFonts;
  private pages: PageCanvas[] = [];
  private images = 0;
  /** `prefix` keeps resource names apart from those already on the pages (each stage uses its own). */
  constructor(
    readonly doc: PDFDocument,
    readonly prefix = "AF",
  ) {
    this.fonts = new PdfFonts(doc, prefix);
  }
  nextImage() {
    this.images += 1;
    return this.images;
  }
  on(page: PDFPage): PageCanvas {
    const found = this.pages.find((p) => p.page === page);
    if (found) return found;
    const pc = new PageCanvas(page, this);
    this.pages.push(pc);
    return pc;
  }
  /** Appends each page's drawing after its existing content (which is wrapped in q … Q first). */
  finish(): void {
    const ctx = this.doc.context;
    for (const pc of this.pages) {
      if (!pc.ops.length) continue;
      const node = pc.page.node;
      node.normalize();
      if (node.Contents()) node.wrapContentStreams(ctx.register(ctx.flateStream("q\n")), ctx.register(ctx.flateStream("\nQ\n")));
      node.addContentStream(ctx.register(ctx.flateStream(pc.ops.join("\n"))));
    }
    this.fonts.embed();
  }
}

export interface FlowOptions {
  lang: Lang;
  margin: { top: number; bottom: number; left: number; right: number };
  size?: [number, number];
}

export interface ParaStyle extends DrawText {
  lineHeight?: number;
  indent?: number;
  spaceAfter?: number;
  align?: "start" | "end" | "center";
}

/** A top-to-bottom flow over fresh pages, in the document's direction. */
export class Flow {
  readonly canvas: Canvas;
  readonly rtl: boolean;
  pageIndex = -1;
  y = 0;
  readonly pages: PageCanvas[] = [];
  /** Called on each new page (headers). */
  onNewPage: ((page: PageCanvas, index: number) => void) | null = null;
  private current: PageCanvas | null = null;
  constructor(
    readonly doc: PDFDocument,
    readonly opts: FlowOptions,
    prefix = "AF",
  ) {
    this.canvas = new Canvas(doc, prefix);
    this.rtl = isRtl(opts.lang);
  }
  get lang() {
    return this.opts.lang;
  }
  get page(): PageCanvas {
    if (!this.current) this.newPage();
    return this.current as PageCanvas;
  }
  get left() {
    return this.opts.margin.left;
  }
  get right() {
    return this.page.width - this.opts.margin.right;
  }
  get width() {
    return this.right - this.left;
  }
  newPage(): void {
    const page = this.doc.addPage(this.opts.size ?? [595.28, 841.89]);
    this.current = this.canvas.on(page);
    this.pages.push(this.current);
    this.pageIndex += 1;
    this.y = page.getHeight() - this.opts.margin.top;
    this.onNewPage?.(this.current, this.pageIndex);
  }
  /** Starts a new page unless `height` points still fit. */
  ensure(height: number): void {
    if (!this.current || this.y - height < this.opts.margin.bottom) this.newPage();
  }
  /** x of a box of width `w` at the start side (left in LTR, right in RTL), indented by `indent`. */
  startX(w: number, indent = 0): number {
    return this.rtl ? this.right - indent - w : this.left + indent;
  }
  paragraph(text: string, style: ParaStyle & { rtl?: boolean }): void {
    const indent = style.indent ?? 0;
    const lh = style.lineHeight ?? style.size * 1.45;
    for (const line of wrap(text, this.width - indent, this.lang, style)) {
      this.ensure(lh);
      this.y -= lh;
      const shaped = shapeLine(line, this.lang, style, style.rtl ?? this.rtl);
      const align = style.align ?? "start";
      const atEnd = (align === "end") !== this.rtl;
      const x = align === "center" ? this.left + (this.width - shaped.width) / 2 : atEnd ? this.right - indent - shaped.width : this.left + indent;
      this.page.line(shaped, x, this.y + lh * 0.28, style);
    }
    this.y -= style.spaceAfter ?? 0;
  }
  gap(h: number): void {
    this.y -= h;
  }
}
