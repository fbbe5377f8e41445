/**
 * "Your signed documents": the link the completion message carries (copy-contract.md). Once the
 * envelope is sealed a signer's link answers the signing calls with link_used and opens this
 * screen instead: the bank, the documents and how long the link works; a one-time code (the same
 * form as before signing, otp.ts); then a download per document with its SHA-256 fingerprint
 * shortened, and the bank's seal check page to check any copy. A confirmation lasts 30 minutes:
 * a download refused for want of a code asks the code again.
 */
import { h } from "../survey/dom";
import { type CopyView, copyApi, SignError } from "./api";
import { alertBox, busy, button, heading, iso, saveBlob, type SignCx, sm, st, sub, type TextCx, when } from "./context";
import { pdfFileName, shortHash } from "./logic";
import { otpForm } from "./otp";

export interface CopyCx extends TextCx {
  token: string;
  view: CopyView;
  /** A fresh view: the screen follows it; `note` is said in its live region. */
  adopt(v: CopyView, note?: string): void;
  /** The same screen again (a code was sent). */
  redraw(): void;
  fail: SignCx["fail"];
}

function documentItem(cx: CopyCx, doc: CopyView["documents"][number], alert: HTMLElement): HTMLElement {
  const m = sm(cx);
  const nameId = `copy-name-${doc.id}`;
  const get = button(
    m.copyDownload,
    () =>
      void busy(get, async () => {
        alert.textContent = m.downloading;
        try {
          saveBlob(await copyApi.document(cx.token, doc.id), pdfFileName(doc.name, m.copySuffix));
          alert.textContent = "";
        } catch (e) {
          alert.textContent = "";
          const err = e instanceof SignError ? e : new SignError(0, "offline");
          // The code's confirmation ran out (30 minutes): ask it again.
          if (err.status === 403) return cx.adopt({ ...cx.view, authenticated: false, otp: null }, m.copyAgain);
          cx.fail(err, alert);
          if (!alert.textContent) alert.textContent = m.downloadFailed;
        }
      }),
    { id: `copy-download-${doc.id}`, class: "button copy-download", "aria-describedby": nameId },
  );
  return h(
    "li",
    { class: "copy-doc" },
    h("span", { class: "sign-doc-name", id: nameId, lang: doc.language, dir: "auto" }, doc.name),
    h("span", { class: "muted small copy-hash" }, m.copyFingerprint, " ", h("bdi", { dir: "ltr", class: "copy-hash-value", title: doc.signedSha256 }, shortHash(doc.signedSha256))),
    get,
  );
}

export function copyScreen(cx: CopyCx, note = ""): Node[] {
  const v = cx.view;
  const m = sm(cx);
  const status = h("p", { class: "sign-note", id: "copy-note", role: "status", hidden: true });
  // Filled once on the page, so the live region announces it.
  if (note)
    queueMicrotask(() => {
      status.hidden = false;
      status.textContent = note;
    });
  const intro = [
    heading(cx, m.copyTitle),
    h("p", { class: "lead" }, st(cx, "copyIntro", { bank: iso(v.bank.name), name: iso(v.signer.name) })),
    h("p", { class: "muted", id: "copy-until" }, st(cx, "copyUntil", { date: when(v.availableUntil, cx.locale()) })),
    status,
  ];
  if (!v.authenticated) {
    const names = h("ul", { class: "sign-docs" }, ...v.documents.map((d) => h("li", {}, h("span", { class: "sign-doc-name", lang: d.language, dir: "auto" }, d.name))));
    return [
      ...intro,
      names,
      sub(cx, m.otpTitle, { class: "copy-otp-title" }),
      ...otpForm(cx, {
        key: `copy:${cx.token}`,
        contact: v.signer.contact,
        otp: v.otp,
        intro: m.copyOtpIntro,
        request: (channel) => copyApi.otp(cx.token, channel),
        verify: async (code) => cx.adopt(await copyApi.verify(cx.token, code)),
        redraw: () => cx.redraw(),
        fail: cx.fail,
      }),
    ];
  }
  const alert = alertBox("copy-alert");
  const check = h("a", { href: `/c/${encodeURIComponent(v.bank.slug)}/verify?lang=${encodeURIComponent(cx.locale())}`, id: "copy-check" }, m.copyCheckLink);
  return [
    ...intro,
    h("ul", { class: "sign-docs copy-docs" }, ...v.documents.map((d) => documentItem(cx, d, alert))),
    alert,
    h("p", { class: "copy-check" }, st(cx, "copyCheckText", { bank: iso(v.bank.name) }), " ", check),
  ];
}
