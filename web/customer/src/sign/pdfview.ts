/**
 * An uploaded PDF's pages as pictures fitted to the screen's width, with pdf.js. This module is
 * imported dynamically (its own chunk, with pdf.js): only a signer who opens an uploaded document
 * loads it. The worker is a file of our own origin (the page's CSP allows scripts from 'self' only);
 * pdf.js never evaluates strings (isEvalSupported: false).
 */
import { GlobalWorkerOptions, getDocument } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { h } from "../survey/dom";

GlobalWorkerOptions.workerSrc = workerUrl;

/** The most device pixels per CSS pixel drawn (a sharp page without a huge canvas). */
const MAX_RATIO = 2;

export async function renderPdf(into: HTMLElement, load: () => Promise<Blob>, pageLabel: (n: number, total: number) => string): Promise<void> {
  const data = new Uint8Array(await (await load()).arrayBuffer());
  const pdf = await getDocument({ data, isEvalSupported: false, disableFontFace: false, useSystemFonts: true, enableXfa: false }).promise;
  try {
    const width = Math.max(240, into.clientWidth || 320);
    const ratio = Math.min(MAX_RATIO, window.devicePixelRatio || 1);
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (width / base.width) * ratio });
      const canvas = h("canvas", { class: "pdf-page", role: "img", "aria-label": pageLabel(n, pdf.numPages) });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.inlineSize = "100%";
      canvas.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
      into.append(canvas);
      await page.render({ canvas, viewport }).promise;
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
}
