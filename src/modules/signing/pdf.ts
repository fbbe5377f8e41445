/**
 * The PDF side of a seal: load and check the input, add an (invisible) signature field with its
 * signature dictionary and a zero-filled /Contents placeholder, and — on the way back — find the
 * last signature dictionary in raw bytes and read its /ByteRange, /Contents and /M.
 */
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from "pdf-lib";
import { AppError } from "../../kernel/errors";

const BYTE_RANGE_PLACEHOLDER = "**********";
const refuse = (message: string, code: string) => new AppError("validation_failed", `The document ${message}`, { issues: [{ path: "body", message, code }] });

export interface SealFields {
  name: string;
  reason: string;
  location: string;
  at: Date;
}

export interface Prepared {
  /** The whole file with the ByteRange filled in and /Contents still zeros. */
  pdf: Uint8Array;
  byteRange: [number, number, number, number];
  /** The bytes the signature covers: [0, b) and [c, EOF). */
  signedBytes: Uint8Array[];
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

/** Loads a PDF the seal can be added to, or says in words why not. */
export async function loadSealable(bytes: Uint8Array): Promise<PDFDocument> {
  if (latin1(bytes.subarray(0, 5)) !== "%PDF-") throw refuse("is not a PDF (it does not start with %PDF-)", "not_pdf");
  let doc: PDFDocument;
  let pages = 0;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
    if (!doc.isEncrypted) pages = doc.getPages().length;
  } catch {
    throw refuse("is damaged: it could not be read as a PDF", "corrupt_pdf");
  }
  if (doc.isEncrypted) throw refuse("is encrypted or password-protected; send it without encryption", "encrypted_pdf");
  if (pages === 0) throw refuse("has no pages (it is damaged or empty)", "corrupt_pdf");
  if (latin1(bytes).includes("/ByteRange")) {
    throw refuse("is already signed or sealed; sealing it again would invalidate that signature", "already_signed");
  }
  return doc;
}

/** Adds the seal field and dictionary and writes the file, ByteRange filled, /Contents zeros of `contentsBytes`. */
export async function prepareSeal(doc: PDFDocument, fields: SealFields, contentsBytes: number): Promise<Prepared> {
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const sig = ctx.obj({
    Type: "Sig",
    Filter: "Adobe.PPKLite",
    SubFilter: "ETSI.CAdES.detached",
    ByteRange: byteRange,
    Contents: PDFHexString.of("0".repeat(contentsBytes * 2)),
    M: PDFString.fromDate(fields.at),
    Name: PDFHexString.fromText(fields.name),
    Reason: PDFHexString.fromText(fields.reason),
    Location: PDFHexString.fromText(fields.location),
  });
  const sigRef = ctx.register(sig);
  const page = doc.getPage(0);
  const form = doc.catalog.getOrCreateAcroForm();
  const existing = form.dict.lookupMaybe(PDFName.of("Fields"), PDFArray)?.size() ?? 0;
  const widget = ctx.obj({
    Type: "Annot",
    Subtype: "Widget",
    FT: "Sig",
    Rect: [0, 0, 0, 0],
    V: sigRef,
    T: PDFHexString.fromText(`Seal ${existing + 1}`),
    F: 132, // print + locked
    P: page.ref,
  });
  const widgetRef = ctx.register(widget);
  page.node.addAnnot(widgetRef);
  form.addField(widgetRef);
  form.dict.set(PDFName.of("SigFlags"), PDFNumber.of(3));

  const pdf = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  const text = latin1(pdf);
  const placeholder = `[ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`;
  const brAt = text.lastIndexOf(placeholder);
  const contentsAt = text.indexOf(`<${"0".repeat(contentsBytes * 2)}>`, brAt > 0 ? text.lastIndexOf(" obj", brAt) : 0);
  if (brAt < 0 || contentsAt < 0) throw new Error("Sealing: the signature placeholders were not found in the written PDF");
  const b = contentsAt;
  const c = contentsAt + contentsBytes * 2 + 2;
  const range: [number, number, number, number] = [0, b, c, pdf.length - c];
  const filled = `[${range.join(" ")}]`.padEnd(placeholder.length, " ");
  if (filled.length > placeholder.length) throw new Error("Sealing: the document is too large for the ByteRange placeholder");
  pdf.set(Buffer.from(filled, "latin1"), brAt);
  return { pdf, byteRange: range, signedBytes: [pdf.subarray(0, b), pdf.subarray(c)] };
}

/** Writes the CMS into the /Contents placeholder (hex, zero-padded). */
export function embedSignature(prepared: Prepared, cms: Uint8Array): Uint8Array {
  const [, b, c] = prepared.byteRange;
  const room = (c - b - 2) / 2;
  if (cms.length > room) throw new Error(`Sealing: the signature (${cms.length} bytes) does not fit the placeholder (${room} bytes)`);
  const out = new Uint8Array(prepared.pdf);
  out.set(Buffer.from(Buffer.from(cms).toString("hex").toUpperCase(), "latin1"), b + 1);
  return out;
}

export interface FoundSignature {
  byteRange: [number, number, number, number];
  /** The DER of the CMS (padding removed), or null when /Contents is not hex where ByteRange says. */
  contents: Uint8Array | null;
  /** /M as an ISO date, when present and readable. */
  signedAt: string | null;
  problems: string[];
}

/** PDF date `D:YYYYMMDDHHmmSS(Z|+HH'mm')` → ISO 8601, or null. */
export function pdfDateToIso(s: string): string | null {
  const m = s.match(/^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/);
  if (!m) return null;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", se = "00", tz = "Z"] = m;
  const zone = tz === "Z" ? "Z" : `${tz.slice(0, 3)}:${tz.replace(/'/g, "").slice(3, 5)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The last signature dictionary in the file (by its /ByteRange), read from the raw bytes. */
export function findLastSignature(bytes: Uint8Array): FoundSignature | null {
  const text = latin1(bytes);
  const at = text.lastIndexOf("/ByteRange");
  if (at < 0) return null;
  const m = text.slice(at, at + 200).match(/^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/);
  if (!m) return { byteRange: [0, 0, 0, 0], contents: null, signedAt: null, problems: ["The signature's /ByteRange cannot be read"] };
  const range = m.slice(1, 5).map(Number) as [number, number, number, number];
  const [a, b, c, d] = range;
  const problems: string[] = [];
  let contents: Uint8Array | null = null;
  const gapIsHex = b > a && c > b + 1 && c <= bytes.length && text[b] === "<" && text[c - 1] === ">" && /^[0-9A-Fa-f\s]*$/.test(text.slice(b + 1, c - 1));
  if (a !== 0 || !gapIsHex || c + d > bytes.length) problems.push("The signed byte ranges do not leave out exactly the signature");
  else contents = new Uint8Array(Buffer.from(text.slice(b + 1, c - 1).replace(/\s/g, ""), "hex"));
  const start = text.lastIndexOf(" obj", at);
  const end = text.indexOf("endobj", at);
  const dict = text.slice(start < 0 ? Math.max(0, at - 4000) : start, end < 0 ? at + 4000 : end);
  const mDate = dict.match(/\/M\s*\((D:[^)]*)\)/);
  return { byteRange: range, contents, signedAt: mDate?.[1] ? pdfDateToIso(mDate[1]) : null, problems };
}
