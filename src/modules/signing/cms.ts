/**
 * CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1): detached, eContentType id-data,
 * signed attributes content-type, message-digest and ESS signing-certificate-v2 — and no
 * signing-time (the time is the signature dictionary's /M). The certificate chain is embedded.
 * With a time-stamp authority (sealer.timestamper), the signature value is time-stamped and the
 * token added as the unsigned attribute signature-time-stamp (baseline B-T).
 */
import { createHash, X509Certificate, verify as nodeVerify } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { Sealer } from "./keys";

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  subjectKeyIdentifier: "2.5.29.14",
  sha256: "2.16.840.1.101.3.4.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  ecdsaSha256: "1.2.840.10045.4.3.2",
} as const;

const HASHES: Record<string, string> = { [OID.sha256]: "sha256", "2.16.840.1.101.3.4.2.2": "sha384", "2.16.840.1.101.3.4.2.3": "sha512" };
const buf = (v: ArrayBuffer | Uint8Array) => new Uint8Array(v);
const ab = (u: Uint8Array) => u.slice().buffer as ArrayBuffer;

export function sha256(parts: Uint8Array[]): Uint8Array {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** ESS SigningCertificateV2 { certs: [ESSCertIDv2 { certHash (SHA-256, the default), issuerSerial }] }. */
export function signingCertificateV2(leafDer: Uint8Array, leaf: pkijs.Certificate) {
  const generalNames = new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [leaf.issuer.toSchema()] })] });
  const issuerSerial = new asn1js.Sequence({ value: [generalNames, leaf.serialNumber] });
  const certId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(sha256([leafDer])) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] });
}

export const compareBytes = (x: Uint8Array, y: Uint8Array) => {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
};

/** A detached CMS SignedData over `digest` (SHA-256 of the signed byte ranges), signed by `sealer`. */
export async function buildCms(digest: Uint8Array, sealer: Sealer): Promise<Uint8Array> {
  const [leafDer] = sealer.certificateChain;
  if (!leafDer) throw new Error("The seal has no certificate");
  const certs = sealer.certificateChain.map((der) => pkijs.Certificate.fromBER(ab(der)));
  const leaf = certs[0] as pkijs.Certificate;
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: ab(digest) })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(leafDer, leaf)] }),
  ]
    .map((a) => ({ a, der: buf(a.toSchema().toBER(false)) }))
    .sort((x, y) => compareBytes(x.der, y.der)); // DER: a SET OF is sorted by encoding
  const toSign = buf(new asn1js.Set({ value: attributes.map(({ a }) => a.toSchema()) }).toBER(false));
  const signature = await sealer.sign(toSign);
  const token = sealer.timestamper ? await sealer.timestamper.timestamp(signature) : null;
  const rsa = sealer.algorithm === "rsa-sha256";
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attributes.map(({ a }) => a) }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(rsa ? { algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() } : { algorithmId: OID.ecdsaSha256 }),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
    ...(token
      ? { unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [asn1js.fromBER(ab(token)).result] })] }) }
      : {}),
  });
  const signed = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
  return buf(info.toSchema().toBER(false));
}

export interface CmsCheck {
  /** Certificates as sent, signer first when it could be identified. */
  certificates: X509Certificate[];
  signer: X509Certificate | null;
  /** The signed attribute OIDs, in order. */
  attributes: string[];
  digestMatches: boolean;
  signatureValid: boolean;
  /** The SignerInfo's signature value (what a signature time-stamp is over). */
  signatureValue: Uint8Array | null;
  /** The signature time-stamp token (DER ContentInfo), when the signer has one. */
  timestampToken: Uint8Array | null;
  problems: string[];
}

/** Which certificate a SignerInfo names: by issuer and serial number, or by subject key identifier. */
function signerIndex(sid: unknown, certs: pkijs.Certificate[]): number {
  if (sid instanceof pkijs.IssuerAndSerialNumber) return certs.findIndex((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer));
  if (!(sid instanceof asn1js.Constructed) && !(sid instanceof asn1js.Primitive)) return -1;
  const ski = Buffer.from(sid instanceof asn1js.Constructed ? ((sid.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView ?? []) : sid.valueBlock.valueHexView);
  return certs.findIndex((c) => {
    const ext = c.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier)?.parsedValue;
    return ext instanceof asn1js.OctetString && ski.length > 0 && Buffer.from(ext.valueBlock.valueHexView).equals(ski);
  });
}

/** Parses a detached CMS and checks it against the signed byte ranges. */
export function checkCms(der: Uint8Array, signedBytes: Uint8Array[]): CmsCheck {
  const problems: string[] = [];
  const out: CmsCheck = { certificates: [], signer: null, attributes: [], digestMatches: false, signatureValid: false, signatureValue: null, timestampToken: null, problems };
  let sd: pkijs.SignedData;
  try {
    const parsed = asn1js.fromBER(ab(der));
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== OID.signedData) throw new Error("not SignedData");
    sd = new pkijs.SignedData({ schema: info.content });
  } catch {
    problems.push("The signature is not a readable CMS SignedData");
    return out;
  }
  const pkCerts = (sd.certificates ?? []).flatMap((c) => (c instanceof pkijs.Certificate ? [c] : []));
  const certs = pkCerts.map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER(false))));
  out.certificates = certs;
  const si = sd.signerInfos[0];
  if (!si || sd.signerInfos.length !== 1) problems.push("Expected exactly one signer");
  if (!si) return out;
  const signer = signerIndex(si.sid, pkCerts);
  out.signatureValue = new Uint8Array(si.signature.valueBlock.valueHexView);
  const tst = si.unsignedAttrs?.attributes.find((a) => a.type === OID.signatureTimeStampToken)?.values[0];
  out.timestampToken = tst ? new Uint8Array(tst.toBER(false)) : null;
  out.signer = signer >= 0 ? (certs[signer] ?? null) : null;
  if (!out.signer) problems.push("The signer's certificate is not in the signature");
  const attrs = si.signedAttrs?.attributes ?? [];
  out.attributes = attrs.map((a) => a.type);
  const hash = HASHES[si.digestAlgorithm.algorithmId];
  if (!hash) problems.push(`Unsupported digest algorithm ${si.digestAlgorithm.algorithmId}`);
  const md = attrs.find((a) => a.type === OID.messageDigest)?.values[0];
  if (!si.signedAttrs || !(md instanceof asn1js.OctetString)) {
    problems.push("The signature has no signed message digest");
    return out;
  }
  if (hash) {
    const h = createHash(hash);
    for (const p of signedBytes) h.update(p);
    out.digestMatches = Buffer.from(h.digest()).equals(Buffer.from(md.valueBlock.valueHexView));
    if (!out.digestMatches) problems.push("The document was changed after it was sealed (digest mismatch)");
  }
  if (out.signer && hash) {
    const signedAttrs = Buffer.from(si.signedAttrs.encodedValue);
    signedAttrs[0] = 0x31; // verify over the SET OF, as signed: [0] IMPLICIT → SET
    const alg = si.signatureAlgorithm.algorithmId;
    const key = out.signer.publicKey;
    const ok = [OID.rsaEncryption, OID.sha256WithRsa, OID.ecdsaSha256, "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4"].includes(alg);
    if (!ok) problems.push(`Unsupported signature algorithm ${alg}`);
    else {
      try {
        out.signatureValid = nodeVerify(hash, signedAttrs, key, Buffer.from(si.signature.valueBlock.valueHexView));
      } catch {
        out.signatureValid = false;
      }
      if (!out.signatureValid) problems.push("The signature does not verify with the signer's certificate");
    }
  }
  return out;
}
