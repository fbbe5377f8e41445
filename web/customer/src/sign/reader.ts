/**
 * Reading a document before signing. Built-in documents come as blocks (the same text as the
 * PDF) and are shown as accessible HTML in the document's language and direction, with A−/A+ (text
 * sizes in rem, and pinch zoom is never disabled). Uploaded PDFs are drawn page by page with pdf.js,
 * loaded only then (pdfview.ts). Every document can be downloaded as the PDF it will be signed as.
 */
import { dirOf, matchLocale } from "../i18n";
import { h } from "../survey/dom";
import { type DocumentBlock, type SignerDocument, signApi } from "./api";
import { alertBox, busy, button, heading, type SignCx, saveBlob, sm, st, sub } from "./context";
import { afterReading, nextSize, pdfFileName, TEXT_SIZES } from "./logic";

/** The reading size the signer picked, kept across documents and screens. */
let sizeIndex = 1;

function blockNodes(cx: SignCx, blocks: DocumentBlock[]): Node[] {
  const m = sm(cx);
  return blocks.map((b) => {
    switch (b.type) {
      case "heading":
        return sub(cx, b.text, { class: "doc-h" });
      case "paragraph":
        return h("p", {}, b.text);
      case "list":
        return h("ul", {}, ...b.items.map((i) => h("li", {}, i)));
      case "table":
        return h("dl", { class: "doc-table" }, ...b.rows.flatMap((r) => [h("dt", {}, r.label), h("dd", {}, h("bdi", {}, r.value))]));
      default:
        return h(
          "section",
          { class: "doc-signers", "aria-label": m.signers },
          ...b.signers.map((s) => h("div", { class: "doc-signer" }, h("span", { class: "doc-sign-line", "aria-hidden": "true" }), h("span", {}, h("bdi", {}, s.name)), h("span", { class: "muted small" }, m[s.role]))),
        );
    }
  });
}

/** "Download PDF": the filled document through the Bearer call, saved from a blob URL. */
function downloadButton(cx: SignCx, doc: SignerDocument, alert: HTMLElement): HTMLButtonElement {
  const m = sm(cx);
  const b = button(
    m.download,
    () =>
      void busy(b, async () => {
        alert.textContent = m.downloading;
        try {
          const blob = await signApi.document(cx.token, doc.id);
          saveBlob(blob, pdfFileName(doc.name));
          alert.textContent = "";
        } catch (e) {
          alert.textContent = "";
          cx.fail(e, alert);
          if (!alert.textContent) alert.textContent = m.downloadFailed;
        }
      }),
    { id: `doc-download-${doc.id}`, class: "button button-quiet doc-download" },
  );
  return b;
}

export function readScreen(cx: SignCx, index: number, declineLink: () => HTMLElement): Node[] {
  const m = sm(cx);
  const docs = cx.view.documents;
  const i = Math.min(Math.max(0, index), Math.max(0, docs.length - 1));
  const doc = docs[i];
  if (!doc) return [heading(cx, m.readTitle), h("div", { class: "nav sign-nav" }, button(m.readDone, () => cx.go(afterReading(cx.view)), { id: "read-next" }))];
  const lang = matchLocale(doc.language ?? cx.view.language) ?? "en";
  const alert = alertBox("read-alert");
  const body = h("div", { class: "doc-body", id: "doc-body", lang, dir: dirOf(lang), tabindex: "0", role: "document", "aria-label": doc.name });
  body.style.fontSize = `${TEXT_SIZES[sizeIndex]}rem`;
  const zoom = (by: 1 | -1) => {
    sizeIndex = nextSize(sizeIndex, by);
    body.style.fontSize = `${TEXT_SIZES[sizeIndex]}rem`;
    smaller.disabled = sizeIndex === 0;
    larger.disabled = sizeIndex === TEXT_SIZES.length - 1;
  };
  const smaller = button("A−", () => zoom(-1), { id: "doc-smaller", dir: "ltr", "aria-label": m.smaller, title: m.smaller, class: "button button-quiet doc-zoom" });
  const larger = button("A+", () => zoom(1), { id: "doc-larger", dir: "ltr", "aria-label": m.larger, title: m.larger, class: "button button-quiet doc-zoom" });
  smaller.disabled = sizeIndex === 0;
  larger.disabled = sizeIndex === TEXT_SIZES.length - 1;

  if (doc.blocks) body.append(...blockNodes(cx, doc.blocks));
  else {
    const status = h("p", { class: "muted", role: "status" }, m.pdfLoading);
    body.append(h("p", { class: "vh" }, m.pdfAlt), status);
    void import("./pdfview")
      .then((mod) => mod.renderPdf(body, () => signApi.document(cx.token, doc.id), (n, total) => st(cx, "pdfPage", { n, total })))
      .then(() => status.remove())
      .catch(() => {
        status.textContent = m.pdfFailed;
      });
  }

  const last = i === docs.length - 1;
  const next = button(last ? m.readDone : m.nextDoc, () => (last ? cx.go(afterReading(cx.view)) : cx.go("read", i + 1)), { id: "read-next" });
  const prev = i > 0 ? button(sm(cx).back, () => cx.go("read", i - 1), { id: "read-prev" }, true) : null;
  return [
    heading(cx, m.readTitle),
    docs.length > 1 ? h("p", { class: "muted step-of" }, st(cx, "docOf", { n: i + 1, total: docs.length })) : null,
    sub(cx, doc.name, { class: "doc-name", id: "doc-name" }),
    h("div", { class: "doc-tools" }, doc.blocks ? h("div", { class: "doc-zooms" }, smaller, larger) : null, downloadButton(cx, doc, alert)),
    alert,
    body,
    h("div", { class: "nav sign-nav" }, prev, next),
    declineLink(),
  ].filter((n): n is HTMLElement => n !== null);
}
