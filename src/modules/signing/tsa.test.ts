import { createHash } from "node:crypto";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OID } from "./cms";
import type { Sealer } from "./keys";
import { findLastSignature } from "./pdf";
import { sealPdf, TIMESTAMP_ROOM } from "./seal";
import { FIELDS, makePdf, pdfsig, sealSetup } from "./signing.testkit";
import { checkTimestampToken, httpTimestamper, TimestampError, TSA_OID } from "./tsa";
import { type LocalTsa, makeToken, startLocalTsa } from "./tsa.testkit";
import { verifyPdf } from "./verify";

let s: Awaited<ReturnType<typeof sealSetup>>;
let tsa: LocalTsa;
let plain: Sealer;
let stamped: Sealer;
let original: Uint8Array;
let sealed: Uint8Array;

beforeAll(async () => {
  s = await sealSetup();
  tsa = await startLocalTsa(s.keys.ca);
  plain = await s.keys.sealerFor(s.tenant.id, s.tenant.name);
  stamped = { ...plain, timestamper: httpTimestamper({ url: tsa.url, timeoutMs: 5000 }) };
  original = await makePdf(3);
  sealed = await sealPdf(original, stamped, FIELDS);
}, 60_000);

afterAll(() => tsa?.close());

function signerInfo(pdf: Uint8Array): pkijs.SignerInfo {
  const contents = findLastSignature(pdf)?.contents;
  if (!contents) throw new Error("no signature found");
  const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(contents.slice().buffer).result });
  const si = new pkijs.SignedData({ schema: info.content }).signerInfos[0];
  if (!si) throw new Error("no signer");
  return si;
}

describe("sealing with a time-stamp authority (PAdES B-T)", () => {
  it("stays valid for pdfsig over the whole document", () => {
    const out = pdfsig(sealed);
    expect(out).toContain("Signature is Valid.");
    expect(out).toContain("Total document signed");
    expect(out).toContain("ETSI.CAdES.detached");
    // poppler 22.12 prints nothing about signature time-stamps: its "Signing Time" is /M.
    expect(out).toContain("Signing Time:");
  });

  it("asks the TSA properly: timestamp-query, SHA-256 of the signature value, certReq, a nonce", () => {
    const r = tsa.requests.at(-1);
    expect(r?.contentType).toBe("application/timestamp-query");
    expect(r?.req?.certReq).toBe(true);
    expect(r?.req?.messageImprint.hashAlgorithm.algorithmId).toBe(OID.sha256);
    expect(r?.req?.nonce).toBeDefined();
    const si = signerInfo(sealed);
    const digest = createHash("sha256").update(si.signature.valueBlock.valueHexView).digest("hex");
    expect(Buffer.from(r?.req?.messageImprint.hashedMessage.valueBlock.valueHexView ?? []).toString("hex")).toBe(digest);
  });

  it("adds the token as the unsigned signature-time-stamp attribute; signed attributes as in B-B, no signing-time", async () => {
    const si = signerInfo(sealed);
    const unsigned = si.unsignedAttrs?.attributes ?? [];
    expect(unsigned.map((a) => a.type)).toEqual([TSA_OID.signatureTimeStampToken]);
    const token = new pkijs.ContentInfo({ schema: unsigned[0]?.values[0] });
    const tsd = new pkijs.SignedData({ schema: token.content });
    expect(tsd.encapContentInfo.eContentType).toBe(TSA_OID.tstInfo);
    const e = tsd.encapContentInfo.eContent as asn1js.OctetString;
    const content = e.idBlock.isConstructed ? Buffer.concat(e.valueBlock.value.map((v) => Buffer.from((v as asn1js.OctetString).valueBlock.valueHexView))) : Buffer.from(e.valueBlock.valueHexView);
    const tst = pkijs.TSTInfo.fromBER(new Uint8Array(content).buffer);
    expect(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).toString("hex")).toBe(createHash("sha256").update(si.signature.valueBlock.valueHexView).digest("hex"));

    const bb = signerInfo(await sealPdf(original, plain, FIELDS));
    const types = (x: pkijs.SignerInfo) => x.signedAttrs?.attributes.map((a) => a.type);
    expect(types(si)).toEqual(types(bb));
    expect(types(si)).toEqual(expect.arrayContaining([OID.contentType, OID.messageDigest, OID.signingCertificateV2]));
    expect(types(si)).toHaveLength(3);
    expect(types(si)).not.toContain(OID.signingTime);
    expect(bb.unsignedAttrs).toBeUndefined();
  });

  it("verify reports the time-stamp (time and authority) and still trusts the seal", async () => {
    const v = await verifyPdf(s.ctx.deps.db, s.keys, sealed);
    expect(v).toMatchObject({ sealed: true, intact: true, coversWholeDocument: true, trusted: true, problems: [] });
    expect(v.timestamp?.authority).toContain("Atrium Test Time-Stamp Authority");
    const at = new Date(v.timestamp?.at ?? 0).getTime();
    expect(Math.abs(at - Date.now())).toBeLessThan(120_000);
    const bb = await verifyPdf(s.ctx.deps.db, s.keys, await sealPdf(original, plain, FIELDS));
    expect(bb.timestamp).toBeNull();
  });

  it("a token altered inside the PDF (not covered by the digest): the seal verifies, the time-stamp is refused", async () => {
    const found = findLastSignature(sealed);
    const token = signerInfo(sealed).unsignedAttrs?.attributes[0]?.values[0]?.toBER(false);
    if (!found || !token) throw new Error("no token");
    const text = Buffer.from(sealed).toString("latin1");
    const tokenHex = Buffer.from(token).toString("hex").toUpperCase();
    const at = text.indexOf(tokenHex, found.byteRange[1]);
    expect(at).toBeGreaterThan(0);
    // Change one byte in the middle of the token (its TSTInfo or signature), keeping the DER shape.
    const altered = new Uint8Array(sealed);
    const pos = at + tokenHex.length - 200;
    altered[pos] = altered[pos] === 0x30 ? 0x31 : 0x30;
    const v = await verifyPdf(s.ctx.deps.db, s.keys, altered);
    expect(v.intact).toBe(true);
    expect(v.timestamp).toBeNull();
    expect(v.problems.join(" ")).toMatch(/time-stamp/);
  });
});

describe("a large token", () => {
  it("a TSA token larger than the reserved room: sealed on a second try, valid for pdfsig", async () => {
    tsa.mode = "big-token";
    try {
      const before = tsa.requests.length;
      const big = await sealPdf(original, stamped, FIELDS);
      expect(tsa.requests.length - before).toBe(2);
      expect(signerInfo(big).unsignedAttrs?.attributes[0]?.values[0]?.toBER(false).byteLength).toBeGreaterThan(TIMESTAMP_ROOM);
      expect(pdfsig(big)).toContain("Signature is Valid.");
      expect((await verifyPdf(s.ctx.deps.db, s.keys, big)).timestamp).not.toBeNull();
    } finally {
      tsa.mode = "ok";
    }
  });
});

describe("a TSA that fails refuses the seal (retryable), naming the TSA", () => {
  const cases: Array<[LocalTsa["mode"], RegExp]> = [
    ["garbage", /not an RFC 3161 TimeStampResp/],
    ["reject", /refused the request \(rejection: policy not accepted\)/],
    ["wrong-nonce", /does not carry our nonce/],
    ["wrong-imprint", /message imprint mismatch/],
    ["bad-signature", /signature does not verify/],
    ["http-500", /answered HTTP 500/],
  ];
  for (const [mode, reason] of cases) {
    it(`${mode}`, async () => {
      tsa.mode = mode;
      try {
        const err = await sealPdf(original, stamped, FIELDS).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(TimestampError);
        expect(err).toMatchObject({ code: "seal_failed", status: 503 });
        expect((err as Error).message).toContain(tsa.url);
        expect((err as Error).message).toMatch(reason);
      } finally {
        tsa.mode = "ok";
      }
    });
  }

  it("silence: refused after the timeout", async () => {
    tsa.mode = "silent";
    try {
      const slow = { ...plain, timestamper: httpTimestamper({ url: tsa.url, timeoutMs: 300 }) };
      await expect(sealPdf(original, slow, FIELDS)).rejects.toThrow(/did not answer within 300 ms/);
    } finally {
      tsa.mode = "ok";
    }
  });

  it("nobody listening: cannot be reached", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const down = { ...plain, timestamper: httpTimestamper({ url: `http://127.0.0.1:${port}/tsa`, timeoutMs: 2000 }) };
    await expect(sealPdf(original, down, FIELDS)).rejects.toThrow(`the time-stamp authority http://127.0.0.1:${port}/tsa cannot be reached (ECONNREFUSED)`);
  });

  it("HTTP Basic credentials go in the header, never in messages", async () => {
    const withCreds = httpTimestamper({ url: tsa.url, timeoutMs: 5000, username: "bank", password: "s3cret-pw" });
    await sealPdf(original, { ...plain, timestamper: withCreds }, FIELDS);
    expect(tsa.requests.at(-1)?.authorization).toBe(`Basic ${Buffer.from("bank:s3cret-pw").toString("base64")}`);
    const inUrl = httpTimestamper({ url: tsa.url.replace("http://", "http://bank:s3cret-pw@"), timeoutMs: 5000 });
    expect(inUrl.url).not.toContain("s3cret");
    tsa.mode = "reject";
    try {
      const err = (await sealPdf(original, { ...plain, timestamper: inUrl }, FIELDS).catch((e: Error) => e)) as Error;
      expect(err.message).toContain(tsa.url);
      expect(err.message).not.toContain("s3cret");
      expect(tsa.requests.at(-1)?.authorization).toBe(`Basic ${Buffer.from("bank:s3cret-pw").toString("base64")}`);
    } finally {
      tsa.mode = "ok";
    }
  });
});

describe("the token check", () => {
  it("refuses a token signed by a certificate without the timeStamping extended key usage", async () => {
    const { key, chain } = await s.keys.ca.forTenant(s.tenant.id, s.tenant.slug, s.tenant.name);
    const data = new Uint8Array(Buffer.from("a signature value"));
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: "1.3.6.1.4.1.99999.1.1",
      messageImprint: new pkijs.MessageImprint({ hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }), hashedMessage: new asn1js.OctetString({ valueHex: createHash("sha256").update(data).digest().buffer as ArrayBuffer }) }),
      serialNumber: new asn1js.Integer({ value: 7 }),
      genTime: new Date(),
    });
    const token = new Uint8Array(makeToken(tst, key, chain, true).toSchema().toBER(false));
    const check = checkTimestampToken(token, data);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(["The time-stamp token was not signed by a time-stamping certificate"]);
    const { key: tsaKey, chain: tsaChain } = await s.keys.ca.timestampAuthority();
    expect(checkTimestampToken(new Uint8Array(makeToken(tst, tsaKey, tsaChain, true).toSchema().toBER(false)), data)).toMatchObject({ ok: true, problems: [] });
    expect(checkTimestampToken(new Uint8Array(makeToken(tst, tsaKey, tsaChain, true).toSchema().toBER(false)), new Uint8Array([1]))).toMatchObject({ ok: false, problems: [expect.stringMatching(/imprint mismatch/)] });
  });
});
