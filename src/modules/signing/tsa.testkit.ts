/**
 * A local RFC 3161 time-stamp authority for tests (node:http): it answers TimeStampReq with a
 * TimeStampResp signed by a TSA certificate of the local test CA, or — by `mode` — misbehaves the
 * ways a real one can (garbage, rejection, a foreign nonce or imprint, a bad signature, HTTP 500, silence),
 * or sends a token larger than the room a seal reserves for it (its chain sent six times).
 */
import { createHash, type KeyObject, sign as nodeSign } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { compareBytes, OID, signingCertificateV2 } from "./cms";
import type { TestSealCa } from "./test-ca";
import { TSA_OID } from "./tsa";

export type TsaMode = "ok" | "big-token" | "garbage" | "reject" | "wrong-nonce" | "wrong-imprint" | "bad-signature" | "http-500" | "silent";

const ab = (u: Uint8Array) => u.slice().buffer as ArrayBuffer;
const buf = (v: ArrayBuffer) => new Uint8Array(v);

/** A TimeStampToken (ContentInfo of SignedData over a TSTInfo) signed with `key`, its chain attached when asked. */
export function makeToken(tst: pkijs.TSTInfo, key: KeyObject, chain: Uint8Array[], withCerts: boolean, corrupt = false, copies = 1): pkijs.ContentInfo {
  const content = buf(tst.toSchema().toBER(false));
  const [leafDer] = chain;
  if (!leafDer) throw new Error("The TSA has no certificate");
  const certs = chain.map((der) => pkijs.Certificate.fromBER(ab(der)));
  const leaf = certs[0] as pkijs.Certificate;
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: TSA_OID.tstInfo })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: ab(createHash("sha256").update(content).digest()) })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(leafDer, leaf)] }),
  ]
    .map((a) => ({ a, der: buf(a.toSchema().toBER(false)) }))
    .sort((x, y) => compareBytes(x.der, y.der));
  const toSign = buf(new asn1js.Set({ value: attributes.map(({ a }) => a.toSchema()) }).toBER(false));
  const signature = nodeSign("sha256", toSign, key);
  if (corrupt) signature[10] = (signature[10] ?? 0) ^ 0xff;
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attributes.map(({ a }) => a) }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
  });
  const sd = new pkijs.SignedData({
    version: 3,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: TSA_OID.tstInfo, eContent: new asn1js.OctetString({ valueHex: ab(content) }) }),
    ...(withCerts ? { certificates: Array.from({ length: copies }, () => certs).flat() } : {}),
    signerInfos: [signerInfo],
  });
  return new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) });
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(parts))));
    req.on("error", reject);
  });
}

export interface LocalTsa {
  url: string;
  mode: TsaMode;
  /** Requests seen: their Content-Type, Authorization and the parsed TimeStampReq. */
  requests: Array<{ contentType: string | undefined; authorization: string | undefined; req: pkijs.TimeStampReq | null }>;
  /** The time the TSA puts in its tokens. */
  now: () => Date;
  close(): Promise<void>;
}

/** Starts a TSA on 127.0.0.1 (a free port) whose certificate the test CA `ca` issues. */
export async function startLocalTsa(ca: TestSealCa): Promise<LocalTsa> {
  const { key, chain } = await ca.timestampAuthority();
  let serial = 1;
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    let parsed: pkijs.TimeStampReq | null = null;
    try {
      parsed = pkijs.TimeStampReq.fromBER(ab(body));
    } catch {
      parsed = null;
    }
    tsa.requests.push({ contentType: req.headers["content-type"], authorization: req.headers.authorization, req: parsed });
    const reply = (status: number, bytes: Uint8Array) => res.writeHead(status, { "content-type": "application/timestamp-reply" }).end(Buffer.from(bytes));
    if (tsa.mode === "silent") return; // never answers
    if (tsa.mode === "http-500") return reply(500, new Uint8Array(0));
    if (tsa.mode === "garbage") return reply(200, new Uint8Array(Buffer.from("<html>not a time-stamp</html>")));
    if (!parsed) return reply(200, buf(new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 2, statusStrings: [new asn1js.Utf8String({ value: "bad request" })] }) }).toSchema().toBER(false)));
    if (tsa.mode === "reject") {
      const status = new pkijs.PKIStatusInfo({ status: 2, statusStrings: [new asn1js.Utf8String({ value: "policy not accepted" })] });
      return reply(200, buf(new pkijs.TimeStampResp({ status }).toSchema().toBER(false)));
    }
    const imprint =
      tsa.mode === "wrong-imprint"
        ? new pkijs.MessageImprint({ hashAlgorithm: parsed.messageImprint.hashAlgorithm, hashedMessage: new asn1js.OctetString({ valueHex: new ArrayBuffer(32) }) })
        : parsed.messageImprint;
    const nonce = tsa.mode === "wrong-nonce" ? new asn1js.Integer({ value: 42 }) : parsed.nonce;
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: "1.3.6.1.4.1.99999.1.1",
      messageImprint: imprint,
      serialNumber: new asn1js.Integer({ value: serial++ }),
      genTime: tsa.now(),
      ...(nonce ? { nonce } : {}),
    });
    const token = makeToken(tst, key, chain, parsed.certReq === true, tsa.mode === "bad-signature", tsa.mode === "big-token" ? 6 : 1);
    reply(200, buf(new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 0 }), timeStampToken: token }).toSchema().toBER(false)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: LocalTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    mode: "ok",
    requests: [],
    now: () => new Date(Math.floor(Date.now() / 1000) * 1000),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return tsa;
}
