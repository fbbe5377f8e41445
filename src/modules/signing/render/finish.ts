/**
 * After everyone signed: the values drawn onto the pages (no form fields left), then the
 * certificate of completion appended in the document's language with English beside it.
 */
import { PDFDocument, PDFName } from "pdf-lib";
import { ACCENT, Canvas, Flow, INK, MUTED } from "./canvas";
import { table } from "./builtin";
import type { AuditCertificate, FieldFill } from "./index";
import { firstStrongRtl, type Lang, shapeLine } from "./shape";
import { commonText } from "./texts";
import type { CommonText } from "./texts/types";

async function load(pdf: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(pdf, { updateMetadata: false });
}

/** The shaping language for a lone value: Han text in Traditional when the characters say so is not guessable, so Simplified. */
const valueLang = (text: string): Lang => (firstStrongRtl(text) ? (/[\u0590-\u05ff]/.test(text) ? "he" : "ar") : "en");

export async function flatten(pdf: Uint8Array, fills: FieldFill[]): Promise<Uint8Array> {
  const doc = await load(pdf);
  try {
    doc.getForm().flatten();
  } catch {
    // A broken or missing form: nothing to flatten.
  }
  doc.catalog.delete(PDFName.of("AcroForm"));
  const canvas = new Canvas(doc, "FL");
  const pages = doc.getPages();
  for (const f of fills) {
    const page = pages[f.field.page];
    if (!page) throw new Error(`Field ${f.field.id} is on page ${f.field.page}, the document has ${pages.length}`);
    const pc = canvas.on(page);
    const { x, y, width: w, height: h } = f.field;
    if (f.kind === "image") {
      const img = await doc.embedPng(f.png);
      const scale = Math.min((w - 4) / img.width, (h - 4) / img.height);
      const iw = img.width * scale;
      const ih = img.height * scale;
      pc.image(img, x + (w - iw) / 2, y + (h - ih) / 2, iw, ih);
    } else if (f.kind === "check") {
      if (f.checked) {
        const s = Math.min(w, h);
        const ox = x + (w - s) / 2;
        const oy = y + (h - s) / 2;
        pc.stroke([[ox + s * 0.18, oy + s * 0.52], [ox + s * 0.42, oy + s * 0.25], [ox + s * 0.84, oy + s * 0.8]], INK, Math.max(1, s * 0.1));
      }
    } else {
      const text = f.text.trim();
      if (!text) continue;
      const lang = valueLang(text);
      const signature = f.field.kind === "signature" || f.field.kind === "initials";
      let size = signature ? Math.min(h * 0.55, 28) : Math.min(h * 0.62, 11);
      const rtl = firstStrongRtl(text);
      let shaped = shapeLine(text, lang, { size }, rtl);
      if (shaped.width > w - 6) {
        size = Math.max(4, (size * (w - 6)) / shaped.width);
        shaped = shapeLine(text, lang, { size }, rtl);
      }
      const left = rtl ? x + w - 3 - shaped.width : x + 3;
      pc.line(shaped, left, y + (h - size * 0.7) / 2, { size, color: signature ? ACCENT : INK, skew: signature ? 0.22 : 0 });
    }
  }
  canvas.finish();
  return doc.save({ useObjectStreams: false });
}

const iso = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "—");

/** "Localized / English" when the document is not in English. */
function both(c: CommonText, en: CommonText, pick: (t: CommonText["certificate"]) => string, lang: Lang): string {
  const local = pick(c.certificate);
  return lang === "en" ? local : `${local} / ${pick(en.certificate)}`;
}

export async function certificate(pdf: Uint8Array, cert: AuditCertificate): Promise<Uint8Array> {
  const doc = await load(pdf);
  const lang = cert.language;
  const c = commonText(lang);
  const en = commonText("en");
  const flow = new Flow(doc, { lang, margin: { top: 64, bottom: 56, left: 56, right: 56 } }, "CE");
  flow.newPage();
  flow.paragraph(c.certificate.title, { size: 18, bold: true, color: ACCENT, lineHeight: 26 });
  if (lang !== "en") {
    flow.paragraph(en.certificate.title, { size: 11, color: MUTED, spaceAfter: 4, rtl: false });
  }
  flow.paragraph(c.certificate.intro, { size: 9, spaceAfter: 4 });
  if (lang !== "en") flow.paragraph(en.certificate.intro, { size: 8, color: MUTED, spaceAfter: 8, rtl: false });
  const label = (pick: (t: CommonText["certificate"]) => string) => both(c, en, pick, lang);
  table(flow, cert.bank.name, [
    { label: label((t) => t.bank), value: cert.bank.name },
    { label: label((t) => t.envelope), value: cert.envelopeId },
    { label: `${c.reference}${lang === "en" ? "" : ` / ${en.reference}`}`, value: cert.reference },
    { label: label((t) => t.document), value: cert.documentName },
    { label: label((t) => t.sha256), value: cert.originalSha256 },
    { label: label((t) => t.completed), value: iso(cert.completedAt) },
  ]);
  cert.signers.forEach((s, i) => {
    const auth = s.authMethod === "otp_email" ? label((t) => t.otpEmail) : s.authMethod === "otp_sms" ? label((t) => t.otpSms) : s.authMethod || "—";
    const kind = s.signatureKind === "drawn" ? label((t) => t.drawn) : s.signatureKind === "typed" ? label((t) => t.typed) : "—";
    const role = lang === "en" ? c.roles[s.role] : `${c.roles[s.role]} / ${en.roles[s.role]}`;
    flow.ensure(200);
    table(flow, `${label((t) => t.signer)} ${i + 1}: ${s.name}`, [
      { label: label((t) => t.signer), value: s.name },
      { label: label((t) => t.role), value: role },
      { label: label((t) => t.auth), value: s.authTo ? `${auth}\n${s.authTo}` : auth },
      { label: label((t) => t.ip), value: s.ip ?? "—" },
      { label: label((t) => t.userAgent), value: s.userAgent ?? "—" },
      { label: label((t) => t.sent), value: iso(s.sentAt) },
      { label: label((t) => t.viewed), value: iso(s.viewedAt) },
      { label: label((t) => t.consented), value: s.consentVersion ? `${iso(s.consentedAt)} (v${s.consentVersion})` : iso(s.consentedAt) },
      { label: label((t) => t.signed), value: iso(s.signedAt) },
      { label: label((t) => t.kind), value: kind },
    ]);
  });
  flow.paragraph(c.certificate.footer, { size: 8, color: MUTED });
  if (lang !== "en") flow.paragraph(en.certificate.footer, { size: 8, color: MUTED, rtl: false });
  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    const label = `${c.certificate.title} · ${i + 1}/${total}`;
    const w = shapeLine(label, lang, { size: 8 }).width;
    page.text(label, flow.rtl ? 56 : page.width - 56 - w, 34, { lang, size: 8, color: MUTED });
  });
  flow.canvas.finish();
  return doc.save({ useObjectStreams: false });
}
