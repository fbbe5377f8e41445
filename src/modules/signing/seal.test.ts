import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { PDFDocument, PDFName, PDFRef } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { OID } from "./cms";
import { type Sealer, TestCaKeyProvider } from "./keys";
import { findLastSignature } from "./pdf";
import { attachAuditTrail, readAuditTrail } from "./render/index";
import { sealPdf } from "./seal";
import { FIELDS, flipByte, makePdf, pdfsig, sealSetup } from "./signing.testkit";
import { TEST_CA_NAME } from "./test-ca";
import { verifyPdf } from "./verify";

let s: Awaited<ReturnType<typeof sealSetup>>;
let sealer: Sealer;
let original: Uint8Array;
let sealed: Uint8Array;

beforeAll(async () => {
  s = await sealSetup();
  sealer = await s.keys.sealerFor(s.tenant.id, s.tenant.name);
  original = await makePdf(5);
  sealed = await sealPdf(original, sealer, FIELDS);
}, 60_000);

/** An incremental update (appended, the sealed bytes untouched) whose catalog points at another "audit-trail.json". */
async function appendTrailUpdate(pdf: Uint8Array, forged: unknown[]): Promise<Uint8Array> {
  const text = Buffer.from(pdf).toString("latin1");
  const prev = Number(text.slice(text.lastIndexOf("startxref")).match(/startxref\s+(\d+)/)?.[1]);
  const root = text.slice(text.lastIndexOf("trailer")).match(/\/Root\s+(\d+)\s+0\s+R/)?.[1];
  const size = Number(text.slice(text.lastIndexOf("trailer")).match(/\/Size\s+(\d+)/)?.[1]);
  if (!root || !prev || !size) throw new Error("cannot read the sealed file's trailer");
  const doc = await PDFDocument.load(pdf);
  const catalog = doc.catalog.clone(doc.context);
  catalog.set(PDFName.of("Names"), doc.context.obj({ EmbeddedFiles: PDFRef.of(size + 2) }));
  const json = JSON.stringify(forged);
  const objects: [number, string][] = [
    [size, `<< /Type /EmbeddedFile /Length ${json.length} >>\nstream\n${json}\nendstream`],
    [size + 1, `<< /Type /Filespec /F (audit-trail.json) /UF (audit-trail.json) /EF << /F ${size} 0 R >> >>`],
    [size + 2, `<< /Names [(audit-trail.json) ${size + 1} 0 R] >>`],
    [Number(root), catalog.toString()],
  ];
  let out = "\n";
  const offsets: [number, number][] = [];
  for (const [num, body] of objects) {
    offsets.push([num, pdf.length + out.length]);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = pdf.length + out.length;
  const entry = (o: number) => `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `xref\n0 1\n0000000000 65535 f \n${root} 1\n${entry(offsets[3]?.[1] ?? 0)}${size} 3\n${offsets.slice(0, 3).map(([, o]) => entry(o)).join("")}`;
  out += `trailer\n<< /Size ${size + 3} /Root ${root} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array([...pdf, ...Buffer.from(out, "latin1")]);
}

const verify = (bytes: Uint8Array, keys: TestCaKeyProvider = s.keys) => verifyPdf(s.ctx.deps.db, keys, bytes);

describe("sealing a PDF (PAdES B-B)", () => {
  it("is valid for pdfsig, covering the whole document, as ETSI.CAdES.detached", () => {
    const out = pdfsig(sealed);
    expect(out).toContain("Signature is Valid.");
    expect(out).toContain("Total document signed");
    expect(out).toContain("ETSI.CAdES.detached");
    expect(out).toContain(`${s.tenant.name} electronic seal (TEST)`);
  });

  it("keeps every page and verifies as trusted, naming the bank and the time from /M", async () => {
    expect((await PDFDocument.load(sealed)).getPageCount()).toBe(5);
    const v = await verify(sealed);
    expect(v).toMatchObject({ sealed: true, intact: true, coversWholeDocument: true, trusted: true, testSeal: true, auditTrail: [], problems: [] });
    expect(v.bank).toEqual({ slug: s.tenant.slug, name: s.tenant.name });
    expect(v.signedAt).toBe(FIELDS.at.toISOString());
    expect(v.signer?.subject).toContain(`serialNumber=${s.tenant.slug}`);
    expect(v.signer?.issuer).toContain(TEST_CA_NAME);
  });

  it("signs content-type, message-digest and signing-certificate-v2, never signing-time, and embeds the chain", () => {
    const contents = findLastSignature(sealed)?.contents;
    if (!contents) throw new Error("no signature found");
    const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(contents.slice().buffer).result });
    const sd = new pkijs.SignedData({ schema: info.content });
    expect(sd.encapContentInfo.eContentType).toBe(OID.data);
    expect(sd.encapContentInfo.eContent).toBeUndefined(); // detached
    const types = sd.signerInfos[0]?.signedAttrs?.attributes.map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining([OID.contentType, OID.messageDigest, "1.2.840.113549.1.9.16.2.47"]));
    expect(types).not.toContain("1.2.840.113549.1.9.5");
    expect(sd.certificates).toHaveLength(2);
    // The ESS cert id hashes the signer's certificate (SHA-256).
    const ess = sd.signerInfos[0]?.signedAttrs?.attributes.find((a) => a.type === OID.signingCertificateV2)?.values[0] as asn1js.Sequence;
    const certId = ((ess.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.OctetString;
    const leaf = Buffer.from(sealer.certificateChain[0] as Uint8Array);
    expect(Buffer.from(certId.valueBlock.valueHexView).toString("hex")).toBe(execFileSync("sha256sum", { input: leaf }).toString().slice(0, 64));
  });

  it("a byte changed inside the signed range: pdfsig says Digest Mismatch, verify says not intact", async () => {
    const [, b] = findLastSignature(sealed)?.byteRange ?? [0, 0];
    const altered = flipByte(sealed, Math.floor(b / 2));
    expect(pdfsig(altered)).toContain("Digest Mismatch");
    const v = await verify(altered);
    expect(v.intact).toBe(false);
    expect(v.trusted).toBe(false);
    expect(v.bank).toBeNull();
    expect(v.problems.join(" ")).toMatch(/digest mismatch/);
  });

  it("bytes appended after the seal: still intact, but not covering the whole document", async () => {
    const extended = new Uint8Array([...sealed, ...Buffer.from("\n% appended\n")]);
    const v = await verify(extended);
    expect(v.intact).toBe(true);
    expect(v.coversWholeDocument).toBe(false);
    expect(pdfsig(extended)).not.toContain("Total document signed");
  });

  it("an unsealed PDF is not sealed", async () => {
    const v = await verify(original);
    expect(v).toMatchObject({ sealed: false, intact: false, trusted: false, signer: null, bank: null });
  });

  it("a seal from another CA (another server) is intact but not trusted", async () => {
    const other = await sealSetup();
    const foreign = await sealPdf(original, await other.keys.sealerFor(other.tenant.id, other.tenant.name), FIELDS);
    const v = await verify(foreign);
    expect(v).toMatchObject({ intact: true, coversWholeDocument: true, trusted: false, testSeal: true, bank: null });
  });
});

describe("the audit trail embedded in the sealed PDF", () => {
  const trail = [
    { at: "2026-11-23T09:00:00.000Z", action: "created", signer: null, role: null, ip: null, userAgent: null, hash: "a".repeat(64) },
    { at: "2026-11-23T09:05:00.000Z", action: "signed", signer: "Dana Levi", role: "applicant", ip: "198.51.100.7", userAgent: "Mozilla/5.0", hash: "b".repeat(64), data: { authMethod: "otp_sms" } },
  ];

  it("is reported when the seal is intact and trusted, and not otherwise", async () => {
    const withTrail = await sealPdf(await attachAuditTrail(original, trail), sealer, FIELDS);
    expect(pdfsig(withTrail)).toContain("Signature is Valid.");
    const v = await verify(withTrail);
    expect(v).toMatchObject({ trusted: true, problems: [] });
    expect(v.auditTrail).toEqual(trail);
    // Another server's seal: intact, not trusted, so its trail is not vouched for.
    const other = await sealSetup();
    const foreign = await sealPdf(await attachAuditTrail(original, trail), await other.keys.sealerFor(other.tenant.id, other.tenant.name), FIELDS);
    expect((await verify(foreign)).auditTrail).toEqual([]);
    // Altered: not intact.
    const [, b] = findLastSignature(withTrail)?.byteRange ?? [0, 0];
    expect((await verify(flipByte(withTrail, Math.floor(b / 3)))).auditTrail).toEqual([]);
  });

  it("is read from the sealed revision: a trail swapped in by an appended incremental update is not reported", async () => {
    const withTrail = await sealPdf(await attachAuditTrail(original, trail), sealer, FIELDS);
    const updated = await appendTrailUpdate(withTrail, [{ ...trail[0], action: "forged" }]);
    expect(await readAuditTrail(updated)).toEqual([{ ...trail[0], action: "forged" }]); // a naive reader is fooled
    const v = await verify(updated);
    expect(v).toMatchObject({ intact: true, coversWholeDocument: false });
    expect(v.auditTrail).toEqual(v.trusted ? trail : []);
    expect(v.auditTrail.some((e) => e.action === "forged")).toBe(false);
  });

  it("a trail that is not a list of events is refused with a problem", async () => {
    const odd = await sealPdf(await attachAuditTrail(original, [{ hello: "world" }]), sealer, FIELDS);
    const v = await verify(odd);
    expect(v.trusted).toBe(true);
    expect(v.auditTrail).toEqual([]);
    expect(v.problems).toEqual(["The audit trail embedded in the document is not in the expected form"]);
  });
});

describe("refusals", () => {
  it("refuses non-PDF, corrupt, encrypted and already-signed documents with clear reasons", async () => {
    const reason = async (bytes: Uint8Array) => sealPdf(bytes, sealer, FIELDS).then(() => "sealed", (e: { code?: string; errors?: unknown; issues?: { code: string }[] }) => `${e.code}:${e.issues?.[0]?.code}`);
    expect(await reason(Buffer.from("hello, not a pdf"))).toBe("validation_failed:not_pdf");
    expect(await reason(Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"))).toBe("validation_failed:corrupt_pdf");
    // pdf-lib cannot encrypt: an /Encrypt entry in the trailer is what marks a PDF encrypted.
    const encrypted = await PDFDocument.load(Buffer.from(original)).then((d) => d.save({ useObjectStreams: false }));
    const enc = Buffer.from(Buffer.from(encrypted).toString("latin1").replace(/trailer\s*<</, "trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /P -4 /O <00> /U <00> >>"), "latin1");
    expect(await reason(enc)).toBe("validation_failed:encrypted_pdf");
    expect(await reason(sealed)).toBe("validation_failed:already_signed");
  });
});

describe("never a half-made seal", () => {
  it("a key that signs wrongly yields an error, not a document", async () => {
    const broken: Sealer = { ...sealer, sign: async () => new Uint8Array(256).fill(7) };
    await expect(sealPdf(original, broken, FIELDS)).rejects.toThrow(/does not verify/);
  });
});

describe("the local test CA", () => {
  it("two processes making the same tenant's key at once end up with one certificate", async () => {
    const other = await sealSetup();
    const a = new TestCaKeyProvider(other.ctx.deps.db, { dataDir: other.dataDir, secretKey: other.ctx.config.secretKey });
    const [x, y] = await Promise.all([a.sealerFor(other.tenant.id, other.tenant.name), other.keys.sealerFor(other.tenant.id, other.tenant.name)]);
    const again = await new TestCaKeyProvider(other.ctx.deps.db, { dataDir: other.dataDir, secretKey: other.ctx.config.secretKey }).sealerFor(other.tenant.id, other.tenant.name);
    expect(Buffer.from(again.certificateChain[0] as Uint8Array).toString("hex")).toBe(Buffer.from(x.certificateChain[0] as Uint8Array).toString("hex"));
    expect(Buffer.from(again.certificateChain[1] as Uint8Array).toString("hex")).toBe(Buffer.from(y.certificateChain[1] as Uint8Array).toString("hex"));
  });

  it("keeps keys encrypted, files 0600, and reuses the tenant's certificate", async () => {
    const file = join(s.dataDir, "seal", "ca.pem");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("BEGIN ENCRYPTED PRIVATE KEY");
    expect(text).not.toContain("BEGIN PRIVATE KEY");
    const again = await s.keys.sealerFor(s.tenant.id, s.tenant.name);
    expect(Buffer.from(again.certificateChain[0] as Uint8Array).equals(Buffer.from(sealer.certificateChain[0] as Uint8Array))).toBe(true);
    expect(sealer.algorithm).toBe("rsa-sha256");
  });
});
