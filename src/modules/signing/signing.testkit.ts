/** Test helpers: real multi-page PDFs made with pdf-lib, a test CA in a fresh folder, pdfsig's verdict. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant } from "../../../tests/support/factories";
import { TestCaKeyProvider } from "./keys";

export async function makePdf(pages = 3, title = "Account agreement"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${title} — page ${i} of ${pages}`.replace("—", "-"), { x: 50, y: 780, size: 14, font });
    for (let line = 0; line < 30; line++) page.drawText(`Clause ${i}.${line + 1}: the customer and the bank agree to terms, line ${line + 1}.`, { x: 50, y: 740 - line * 20, size: 10, font });
  }
  return doc.save();
}

/** pdfsig's report on `bytes` (stdout and stderr; pdfsig exits non-zero on a bad signature). */
export function pdfsig(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), "atrium-pdfsig-")), "doc.pdf");
  writeFileSync(file, bytes);
  const r = spawnSync("pdfsig", [file], { encoding: "utf8" });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`;
}

/** A key provider over a test CA in a fresh folder, and a tenant to seal for. */
export async function sealSetup() {
  const ctx = await createTestContext();
  const dataDir = mkdtempSync(join(tmpdir(), "atrium-seal-"));
  const keys = new TestCaKeyProvider(ctx.deps.db, { dataDir, secretKey: ctx.config.secretKey });
  const tenant = await makeTenant(ctx);
  return { ctx, keys, tenant, dataDir };
}

export const FIELDS = { name: "Test Bank", reason: "Electronic seal", location: "atrium.test", at: new Date(Math.floor(Date.now() / 1000) * 1000) };

/** A copy of `bytes` with one byte changed at `at`. */
export function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out[at] = (out[at] ?? 0) ^ 0x01;
  return out;
}
