/**
 * The audit trail travels inside the signed PDF as the embedded file "audit-trail.json", added
 * before sealing so the seal covers it, and read back from the EmbeddedFiles name tree.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFObject, PDFRawStream, PDFString } from "pdf-lib";

export const TRAIL_FILE = "audit-trail.json";

export async function attach(pdf: Uint8Array, trail: unknown[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const bytes = new TextEncoder().encode(JSON.stringify(trail, null, 1));
  const last = trail.at(-1) as { at?: string } | undefined;
  const when = last?.at && !Number.isNaN(Date.parse(last.at)) ? new Date(last.at) : new Date();
  await doc.attach(bytes, TRAIL_FILE, {
    mimeType: "application/json",
    description: "Audit trail (signing events, hash-chained)",
    creationDate: when,
    modificationDate: when,
  });
  return doc.save({ useObjectStreams: false });
}

const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null);

/** Walks a name tree (Names pairs and Kids), calling `visit` for each entry. */
function walk(doc: PDFDocument, node: PDFDict, visit: (name: string | null, value: PDFObject | undefined) => void, depth = 0): void {
  if (depth > 20) return;
  const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
  if (names) for (let i = 0; i + 1 < names.size(); i += 2) visit(text(names.lookup(i)), names.lookup(i + 1));
  const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
  if (kids) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) walk(doc, kid, visit, depth + 1);
    }
  }
}

export async function read(pdf: Uint8Array): Promise<unknown[] | null> {
  try {
    const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    const names = doc.catalog.lookupMaybe(PDFName.of("Names"), PDFDict);
    const files = names?.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict);
    if (!files) return null;
    let found: unknown[] | null = null;
    walk(doc, files, (name, value) => {
      if (found || !(value instanceof PDFDict)) return;
      const fileName = name ?? text(value.lookup(PDFName.of("UF"))) ?? text(value.lookup(PDFName.of("F")));
      if (fileName !== TRAIL_FILE) return;
      const ef = value.lookupMaybe(PDFName.of("EF"), PDFDict);
      const stream = ef?.lookup(PDFName.of("F"));
      if (!(stream instanceof PDFRawStream)) return;
      const parsed: unknown = JSON.parse(new TextDecoder().decode(decodePDFRawStream(stream).decode()));
      if (Array.isArray(parsed)) found = parsed;
    });
    return found;
  } catch {
    return null;
  }
}
