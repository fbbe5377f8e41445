/**
 * Sealing and verifying a PDF, printed (not asserted): a 10-page document sealed with a test
 * seal (RSA-2048, PAdES B-B) — target median < 200 ms — and the sealed file verified (digest,
 * CMS signature, chain) — target median < 100 ms; medians of 20 runs after one warm-up.
 * Peer, on the same file in the same run: poppler's `pdfsig` verifying it (a process per run, as a
 * user would call it). Keys are made once before timing (a tenant's first seal also makes its key).
 * Also printed: rendering a built-in document (the Arabic loan contract: shaping, bidi, font
 * subsets) and an envelope's whole completion of the 10-page document (a drawn signature and the
 * signer's name flattened, the certificate page, the embedded audit trail, the seal).
 * Run: `node bench/run.mjs sealing`.
 */
import { spawnSync } from "node:child_process";
import { randomBytes, sign } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Sealer } from "../src/modules/signing/keys";
import { SIGNATURE_PNG } from "../src/modules/signing/envelopes/png-fixture";
import { appendCertificate, attachAuditTrail, flattenFields, renderBuiltin, sampleDocumentData } from "../src/modules/signing/render";
import { sealPdf } from "../src/modules/signing/seal";
import { TestSealCa } from "../src/modules/signing/test-ca";
import { verifySignatureBytes } from "../src/modules/signing/verify";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

async function tenPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= 10; p++) {
    const page = doc.addPage([595, 842]);
    for (let l = 0; l < 45; l++) page.drawText(`Page ${p}, clause ${l + 1}: the parties agree to the terms set out in this account agreement.`, { x: 40, y: 800 - l * 17, size: 9, font });
  }
  return doc.save();
}

async function median(fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const dir = mkdtempSync(join(tmpdir(), "atrium-bench-seal-"));
try {
  const ca = new TestSealCa(join(dir, "seal"), randomBytes(32));
  const t0 = performance.now();
  const { key, chain } = await ca.forTenant("bench", "bench-bank", "Bench Bank");
  const keygen = performance.now() - t0;
  const sealer: Sealer = { certificateChain: chain, algorithm: "rsa-sha256", test: true, sign: async (d) => new Uint8Array(sign("sha256", d, key)) };
  const pdf = await tenPages();
  const fields = { name: "Bench Bank", reason: "Electronic seal", location: "bench", at: new Date() };
  let sealed: Uint8Array = new Uint8Array();
  const sealMs = await median(async () => {
    sealed = await sealPdf(pdf, sealer, fields);
  });
  const verifyMs = await median(() => {
    const v = verifySignatureBytes(sealed);
    if (!v.intact || !v.coversWholeDocument) throw new Error("bench: the sealed file does not verify");
  });
  const file = join(dir, "sealed.pdf");
  writeFileSync(file, sealed);
  const pdfsigMs = await median(() => {
    const r = spawnSync("pdfsig", [file], { encoding: "utf8" });
    if (!r.stdout.includes("Signature is Valid.")) throw new Error(`bench: pdfsig says ${r.stdout}${r.stderr}`);
  });
  const arabic = sampleDocumentData("loan_contract", "ar");
  const renderMs = await median(() => renderBuiltin("loan_contract", arabic));
  const at = new Date();
  const box = { role: "applicant" as const, page: 9, width: 180, height: 50, required: true };
  const finishMs = await median(async () => {
    const flat = await flattenFields(pdf, [
      { field: { ...box, id: "sig", kind: "signature", x: 60, y: 80 }, kind: "image", png: SIGNATURE_PNG },
      { field: { ...box, id: "name", kind: "name", x: 300, y: 80 }, kind: "text", text: "ليلى حداد" },
    ]);
    const cert = await appendCertificate(flat, {
      language: "ar",
      bank: { name: "Bench Bank" },
      envelopeId: "bench",
      reference: "PL-BENCH1",
      documentName: "Loan contract",
      originalSha256: "0".repeat(64),
      completedAt: at,
      signers: [{ name: "ليلى حداد", role: "applicant", authMethod: "otp_sms", authTo: "+972 ••• ••67", ip: "203.0.113.7", userAgent: "Mozilla/5.0 (Linux; Android 14) Mobile", sentAt: at, viewedAt: at, consentedAt: at, consentVersion: "bench", signedAt: at, signatureKind: "drawn" }],
    });
    const trail = await attachAuditTrail(cert, [{ at: at.toISOString(), action: "signed", signer: "ليلى حداد", role: "applicant", ip: "203.0.113.7", userAgent: null, hash: "0".repeat(64) }]);
    return sealPdf(trail, sealer, fields);
  });
  const f = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
  console.log(`10-page PDF, ${pdf.length} → ${sealed.length} bytes sealed; medians of ${RUNS} runs (first key and CA: ${keygen.toFixed(0)} ms, once)`);
  console.log(`| step                          | median     | target   |`);
  console.log(`| seal (Atrium)                 | ${f(sealMs)} | < 200 ms |`);
  console.log(`| verify (Atrium, in process)   | ${f(verifyMs)} | < 100 ms |`);
  console.log(`| verify (pdfsig, peer, spawn)  | ${f(pdfsigMs)} |          |`);
  console.log(`| render (Arabic loan contract) | ${f(renderMs)} |          |`);
  console.log(`| complete envelope (10 pages)  | ${f(finishMs)} |          |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
