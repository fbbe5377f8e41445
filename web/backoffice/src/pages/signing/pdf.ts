/**
 * The uploaded template's pages drawn with pdf.js, for the field placer. Imported dynamically (its
 * own chunk, with pdf.js): only the template editor loads it. The worker is a file of our own
 * origin (the CSP allows scripts from 'self' only) and pdf.js never evaluates strings.
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { normalizeRotation, type Rotation } from "./fields";

GlobalWorkerOptions.workerSrc = workerUrl;

/** The most device pixels per CSS pixel drawn (sharp, without a huge canvas). */
const MAX_RATIO = 2;

export interface PdfPageInfo {
  /** The page number, from 1. */
  n: number;
  /** Unrotated size in points (the page's box). */
  width: number;
  height: number;
  rotation: Rotation;
}

export interface OpenPdf {
  pages: PdfPageInfo[];
  /** Draws page `n` (from 1) at `scale` CSS pixels per point into the canvas. */
  draw(n: number, canvas: HTMLCanvasElement, scale: number): Promise<void>;
  close(): Promise<void>;
}

export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  const pdf: PDFDocumentProxy = await getDocument({ data: bytes, isEvalSupported: false, enableXfa: false }).promise;
  const pages: PdfPageInfo[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    pages.push({ n, width: x1 - x0, height: y1 - y0, rotation: normalizeRotation(page.rotate) });
  }
  return {
    pages,
    async draw(n, canvas, scale) {
      const page = await pdf.getPage(n);
      const ratio = Math.min(MAX_RATIO, window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale: scale * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.inlineSize = `${viewport.width / ratio}px`;
      canvas.style.blockSize = `${viewport.height / ratio}px`;
      await page.render({ canvas, viewport }).promise;
    },
    close: () => pdf.destroy(),
  };
}
