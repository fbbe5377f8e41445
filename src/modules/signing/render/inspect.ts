/** Uploaded templates: check the PDF and read its pages; outline placed fields for previews. */
import { PDFDocument } from "pdf-lib";
import type { PlacedField, TemplatePage } from "../../../db/schema-signing";
import { AppError } from "../../../kernel/errors";
import { Canvas, type Rgb } from "./canvas";
import { firstStrongRtl, shapeLine } from "./shape";

const refuse = (message: string, code: string) => new AppError("validation_failed", `The document ${message}`, { issues: [{ path: "body", message, code }] });

export async function inspect(bytes: Uint8Array): Promise<{ pageCount: number; pages: TemplatePage[] }> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) {
    throw new AppError("unsupported_media_type", "The file is not a PDF", { issues: [{ path: "body", message: "is not a PDF (it does not start with %PDF-)", code: "not_pdf" }] });
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    throw refuse("is damaged: it could not be read as a PDF", "corrupt_pdf");
  }
  if (doc.isEncrypted) throw refuse("is encrypted or password-protected; upload it without encryption", "encrypted_pdf");
  let pages: TemplatePage[];
  try {
    pages = doc.getPages().map((p) => ({ width: p.getWidth(), height: p.getHeight() }));
  } catch {
    throw refuse("is damaged: its pages could not be read", "corrupt_pdf");
  }
  if (pages.length === 0) throw refuse("has no pages", "no_pages");
  return { pageCount: pages.length, pages };
}

const ROLE_COLORS: Record<PlacedField["role"], Rgb> = {
  applicant: [0.09, 0.4, 0.85],
  co_applicant: [0.1, 0.55, 0.3],
  guarantor: [0.75, 0.35, 0.05],
};

export async function outline(pdf: Uint8Array, fields: PlacedField[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const canvas = new Canvas(doc, "OL");
  const pages = doc.getPages();
  for (const f of fields) {
    const page = pages[f.page];
    if (!page) continue;
    const pc = canvas.on(page);
    const color = ROLE_COLORS[f.role] ?? ROLE_COLORS.applicant;
    pc.rect(f.x, f.y, f.width, f.height, { stroke: color, fill: color.map((c) => 1 - (1 - c) * 0.12) as Rgb, lineWidth: 1.2 });
    const label = `${f.label?.en ?? f.kind} · ${f.role}${f.required ? " *" : ""}`;
    const size = Math.max(5, Math.min(8, f.height * 0.4));
    const rtl = firstStrongRtl(label);
    const shaped = shapeLine(label, "en", { size }, rtl);
    pc.line(shaped, f.x + 2, f.y + f.height - size - 1, { size, color });
  }
  canvas.finish();
  return doc.save({ useObjectStreams: false });
}
