/**
 * The built-in documents: header, title, the customer's details, credit figures, numbered clauses
 * and a signatures block (returned as placed fields), in the document's language and direction.
 */
import { PDFDocument } from "pdf-lib";
import type { PlacedField, TemplatePage } from "../../../db/schema-signing";
import { ACCENT, Flow, INK, MUTED, type PageCanvas } from "./canvas";
import type { DocumentBlock, DocumentData, RenderedDocument } from "./index";
import { firstStrongRtl, type Lang, shapeLine, wrap } from "./shape";
import { commonText, templateText } from "./texts";
import { fill } from "./texts/types";
import type { BuiltinKind } from "./index";

const MARGIN = { top: 80, bottom: 64, left: 56, right: 56 };
const BODY = 10;

export function formatDate(d: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(`${lang}-u-nu-latn`, { dateStyle: "long", timeZone: "UTC" }).format(d);
}

export async function renderBuiltinDocument(kind: BuiltinKind, data: DocumentData): Promise<RenderedDocument> {
  const lang = data.language;
  const t = templateText(kind, lang);
  const c = commonText(lang);
  const vars = { bank: data.bank.name, customer: data.customer.name, product: data.productName };
  const doc = await PDFDocument.create();
  doc.setTitle(t.title);
  doc.setAuthor(data.bank.name);
  doc.setSubject(data.reference);
  doc.setCreator("Atrium");
  doc.setProducer("Atrium");
  doc.setLanguage(lang);
  doc.setCreationDate(data.date);
  doc.setModificationDate(data.date);
  const flow = new Flow(doc, { lang, margin: MARGIN });
  const blocks: DocumentBlock[] = [];

  flow.onNewPage = (page: PageCanvas) => {
    const y = page.height - 44;
    const bankW = shapeLine(data.bank.name, lang, { size: 11, bold: true }).width;
    page.text(data.bank.name, flow.rtl ? page.width - MARGIN.right - bankW : MARGIN.left, y, { lang, size: 11, bold: true, color: ACCENT });
    const titleW = shapeLine(t.title, lang, { size: 9 }).width;
    page.text(t.title, flow.rtl ? MARGIN.left : page.width - MARGIN.right - titleW, y, { lang, size: 9, color: MUTED });
    page.stroke([[MARGIN.left, y - 10], [page.width - MARGIN.right, y - 10]], ACCENT, 1);
  };

  flow.newPage();
  flow.paragraph(t.title, { size: 20, bold: true, lineHeight: 28, spaceAfter: 4 });
  blocks.push({ type: "heading", text: t.title });
  flow.paragraph(`${c.reference}: ${data.reference}  ·  ${c.date}: ${formatDate(data.date, lang)}`, { size: 9, color: MUTED, spaceAfter: 10 });
  const intro = fill(t.intro, vars);
  flow.paragraph(intro, { size: BODY, spaceAfter: 10 });
  blocks.push({ type: "paragraph", text: intro });

  const rows: Array<{ label: string; value: string }> = [
    { label: c.customer, value: data.customer.name },
    { label: c.product, value: data.productName },
  ];
  const cust = data.customer;
  for (const v of [cust.email, cust.phone, cust.dateOfBirth, cust.nationalId, cust.address]) if (v) rows.push({ label: "", value: v });
  for (const r of data.details) rows.push(r);
  table(flow, c.details, rows);
  blocks.push({ type: "heading", text: c.details }, { type: "table", rows });

  if (data.loan && (data.loan.amount || data.loan.rate || data.loan.termMonths || data.loan.monthly)) {
    const l = data.loan;
    const loanRows: Array<{ label: string; value: string }> = [];
    if (l.amount) loanRows.push({ label: c.loan.amount, value: l.amount });
    if (l.termMonths) loanRows.push({ label: c.loan.term, value: fill(c.loan.termValue, { n: String(l.termMonths) }) });
    if (l.rate) loanRows.push({ label: c.loan.rate, value: l.rate });
    if (l.monthly) loanRows.push({ label: c.loan.monthly, value: l.monthly });
    table(flow, c.loan.heading, loanRows);
    blocks.push({ type: "heading", text: c.loan.heading }, { type: "table", rows: loanRows });
  }

  t.clauses.forEach(([heading, body], i) => {
    const h = fill(heading, vars);
    const b = fill(body, vars);
    flow.ensure(48);
    flow.gap(4);
    const lh = 11 * 1.45;
    const numW = 20;
    const num = `${i + 1}.`;
    const numX = flow.rtl ? flow.right - shapeLine(num, lang, { size: 11, bold: true }).width : flow.left;
    flow.page.text(num, numX, flow.y - lh + lh * 0.28, { lang, size: 11, bold: true, color: ACCENT, rtl: false });
    flow.paragraph(h, { size: 11, bold: true, indent: numW, spaceAfter: 1 });
    flow.paragraph(b, { size: BODY, indent: numW, spaceAfter: 4 });
    blocks.push({ type: "heading", text: `${i + 1}. ${h}` }, { type: "paragraph", text: b });
  });
  flow.gap(4);
  const closing = fill(t.closing, vars);
  flow.paragraph(closing, { size: BODY, color: MUTED, spaceAfter: 12 });
  blocks.push({ type: "paragraph", text: closing });

  const fields = signatures(flow, data, c);
  blocks.push({ type: "heading", text: c.signatures }, { type: "paragraph", text: c.signatureIntro }, { type: "signatures", signers: data.signers });

  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    const label = fill(c.page, { n: String(i + 1), m: String(total) });
    const w = shapeLine(label, lang, { size: 8 }).width;
    const refW = shapeLine(data.reference, lang, { size: 8 }).width;
    page.stroke([[MARGIN.left, 46], [page.width - MARGIN.right, 46]], MUTED, 0.4);
    page.text(label, flow.rtl ? MARGIN.left : page.width - MARGIN.right - w, 34, { lang, size: 8, color: MUTED });
    page.text(data.reference, flow.rtl ? page.width - MARGIN.right - refW : MARGIN.left, 34, { lang, size: 8, color: MUTED });
  });
  flow.canvas.finish();
  const pdf = await doc.save({ useObjectStreams: false });
  const pages: TemplatePage[] = doc.getPages().map((p) => ({ width: p.getWidth(), height: p.getHeight() }));
  return { pdf, pages, fields, blocks, title: t.title };
}

/** A two-column table (label at the start side, value beside it), with a heading. */
export function table(flow: Flow, heading: string, rows: Array<{ label: string; value: string }>): void {
  const lang = flow.lang;
  flow.ensure(40);
  flow.paragraph(heading, { size: 11, bold: true, color: ACCENT, spaceAfter: 2 });
  const labelW = flow.width * 0.32;
  const valueW = flow.width - labelW - 8;
  const lh = BODY * 1.5;
  for (const row of rows) {
    const labelLines = row.label ? wrap(row.label, labelW, lang, { size: 9 }) : [];
    const valueLines = wrap(row.value, valueW, lang, { size: BODY, bold: false });
    const h = Math.max(labelLines.length, valueLines.length) * lh + 4;
    flow.ensure(h);
    const top = flow.y;
    flow.page.rect(flow.left, top - h, flow.width, h, { fill: [0.96, 0.97, 0.98] });
    flow.page.stroke([[flow.left, top - h], [flow.right, top - h]], [0.85, 0.87, 0.9], 0.5);
    labelLines.forEach((l, i) => {
      const w = shapeLine(l, lang, { size: 9 }).width;
      const x = flow.rtl ? flow.right - 6 - w : flow.left + 6;
      flow.page.text(l, x, top - (i + 1) * lh + 3, { lang, size: 9, color: MUTED });
    });
    valueLines.forEach((l, i) => {
      const valueRtl = firstStrongRtl(l);
      const w = shapeLine(l, lang, { size: BODY }, valueRtl).width;
      const x = flow.rtl ? flow.right - labelW - 8 - w : flow.left + labelW + 8;
      flow.page.text(l, x, top - (i + 1) * lh + 3, { lang, size: BODY, color: INK, rtl: valueRtl });
    });
    flow.y = top - h;
  }
  flow.gap(12);
}

/** Per signer: caption, signature box, name box and date box; returns their placed fields. */
function signatures(flow: Flow, data: DocumentData, c: ReturnType<typeof commonText>): PlacedField[] {
  const lang = flow.lang;
  const fields: PlacedField[] = [];
  flow.ensure(60 + 110 * Math.min(1, data.signers.length));
  flow.paragraph(c.signatures, { size: 13, bold: true, spaceAfter: 2 });
  flow.paragraph(c.signatureIntro, { size: 9, color: MUTED, spaceAfter: 8 });
  const seen = new Map<string, number>();
  for (const s of data.signers) {
    const n = (seen.get(s.role) ?? 0) + 1;
    seen.set(s.role, n);
    const suffix = n > 1 ? `-${n}` : "";
    flow.ensure(112);
    flow.paragraph(`${c.roles[s.role]}: ${s.name}`, { size: 10, bold: true, spaceAfter: 4 });
    const page = flow.page;
    const top = flow.y;
    const sig = { w: 200, h: 56 };
    const name = { w: 150, h: 22 };
    const date = { w: 100, h: 22 };
    const sigX = flow.startX(sig.w);
    const nameX = flow.rtl ? sigX - 16 - name.w : sigX + sig.w + 16;
    const dateX = flow.rtl ? nameX - 12 - date.w : nameX + name.w + 12;
    const sigY = top - sig.h;
    const smallY = top - sig.h;
    page.rect(sigX, sigY, sig.w, sig.h, { stroke: [0.55, 0.6, 0.68], dash: true });
    page.rect(nameX, smallY, name.w, name.h, { stroke: [0.55, 0.6, 0.68] });
    page.rect(dateX, smallY, date.w, date.h, { stroke: [0.55, 0.6, 0.68] });
    const cap = (text: string, x: number, w: number) => page.text(text, x, sigY - 11, { lang, size: 8, color: MUTED, width: w, align: flow.rtl ? "right" : "left" });
    cap(c.signature, sigX, sig.w);
    cap(c.name, nameX, name.w);
    cap(c.dateSigned, dateX, date.w);
    const base = { role: s.role, page: flow.pageIndex, required: true };
    fields.push(
      { id: `sig-${s.role}${suffix}`, kind: "signature", x: sigX, y: sigY, width: sig.w, height: sig.h, ...base, label: { en: "Signature", [lang]: c.signature } },
      { id: `name-${s.role}${suffix}`, kind: "name", x: nameX, y: smallY, width: name.w, height: name.h, ...base, label: { en: "Name", [lang]: c.name } },
      { id: `date-${s.role}${suffix}`, kind: "date", x: dateX, y: smallY, width: date.w, height: date.h, ...base, label: { en: "Date", [lang]: c.dateSigned } },
    );
    flow.y = sigY - 28;
  }
  return fields;
}
