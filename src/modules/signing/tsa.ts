/**
 * RFC 3161 signature time-stamps (PAdES baseline B-T). When SEAL_TSA_URL is configured, the seal
 * asks the time-stamp authority for a token over the SHA-256 of its signature value and adds it
 * as the unsigned attribute id-aa-signatureTimeStampToken. Every answer is checked before use
 * (status granted, our nonce, our imprint, the token's signature), and the same token check
 * serves the verifier. Errors name the TSA's URL, never its credentials.
 */
import { createHash, randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { Config } from "../../config";
import { AppError } from "../../kernel/errors";
import { checkCms, OID } from "./cms";

export const TSA_OID = {
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  timeStamping: "1.3.6.1.5.5.7.3.8",
} as const;

const IMPRINT_HASHES: Record<string, string> = { [OID.sha256]: "sha256", "2.16.840.1.101.3.4.2.2": "sha384", "2.16.840.1.101.3.4.2.3": "sha512" };
const STATUS = ["granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"];
const ab = (u: Uint8Array) => u.slice().buffer as ArrayBuffer;

/** Asks a time-stamp authority for a token over `data` (the signature value); answers the verified token (DER ContentInfo). */
export interface Timestamper {
  /** The authority's URL as configured, without credentials (for messages). */
  readonly url: string;
  timestamp(data: Uint8Array): Promise<Uint8Array>;
}

/** The seal is refused (503 seal_failed, retryable): the time-stamp authority gave no usable token. */
export class TimestampError extends AppError {
  constructor(
    readonly tsaUrl: string,
    readonly reason: string,
  ) {
    super("seal_failed", `The seal could not be time-stamped: the time-stamp authority ${tsaUrl} ${reason}; try again later`, { retryAfterSeconds: 60 });
    this.name = "TimestampError";
  }
}

/** The bytes of an OCTET STRING, also when it is BER-constructed (some TSAs chunk eContent). */
function octets(os: asn1js.OctetString): Uint8Array {
  if (!os.idBlock.isConstructed) return new Uint8Array(os.valueBlock.valueHexView);
  return new Uint8Array(Buffer.concat(os.valueBlock.value.map((v) => octets(v as asn1js.OctetString))));
}

const unsigned = (i: asn1js.Integer) => Buffer.from(i.valueBlock.valueHexView).toString("hex").replace(/^(00)+/, "");

export interface TokenCheck {
  /** The time in the token (TSTInfo genTime), when the token could be read. */
  at: Date | null;
  /** The time-stamp authority's certificate subject, one line. */
  authority: string | null;
  nonce: string | null;
  /** Readable, imprint matches `data`, signature verifies with a time-stamping certificate. */
  ok: boolean;
  problems: string[];
}

/** Checks a time-stamp token (DER ContentInfo) against the data it should stamp. */
export function checkTimestampToken(token: Uint8Array, data: Uint8Array): TokenCheck {
  const out: TokenCheck = { at: null, authority: null, nonce: null, ok: false, problems: [] };
  let tst: pkijs.TSTInfo;
  let content: Uint8Array;
  try {
    const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(ab(token)).result });
    const sd = new pkijs.SignedData({ schema: info.content });
    if (sd.encapContentInfo.eContentType !== TSA_OID.tstInfo || !sd.encapContentInfo.eContent) throw new Error("no TSTInfo");
    content = octets(sd.encapContentInfo.eContent);
    tst = pkijs.TSTInfo.fromBER(ab(content));
  } catch {
    out.problems.push("The time-stamp token cannot be read");
    return out;
  }
  out.at = tst.genTime;
  out.nonce = tst.nonce ? unsigned(tst.nonce) : null;
  const hash = IMPRINT_HASHES[tst.messageImprint.hashAlgorithm.algorithmId];
  const imprint = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
  const imprintOk = hash !== undefined && createHash(hash).update(data).digest().equals(imprint);
  if (!imprintOk) out.problems.push("The time-stamp is not over this signature (message imprint mismatch)");
  const cms = checkCms(token, [content]);
  const signer = cms.signer;
  out.authority = signer ? signer.subject.split("\n").filter(Boolean).join(", ") : null;
  if (!cms.digestMatches || !cms.signatureValid || !signer) out.problems.push("The time-stamp token's signature does not verify");
  const timeStamping = signer ? (signer.keyUsage ?? []).includes(TSA_OID.timeStamping) : false;
  if (signer && !timeStamping) out.problems.push("The time-stamp token was not signed by a time-stamping certificate");
  if (signer && (tst.genTime < new Date(signer.validFrom) || tst.genTime > new Date(signer.validTo))) out.problems.push("The time-stamp authority's certificate was not valid at the time stamped");
  out.ok = out.problems.length === 0;
  return out;
}

/** A TimeStampReq (DER) for the SHA-256 `digest`, asking for the TSA's certificate, with `nonce`. */
export function timestampRequest(digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: ab(nonce) }),
    certReq: true,
  });
  return new Uint8Array(req.toSchema().toBER(false));
}

/** Checks a TimeStampResp for our request; answers the token (DER) or throws a TimestampError. */
export function acceptResponse(url: string, body: Uint8Array, data: Uint8Array, nonce: Uint8Array): Uint8Array {
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(ab(body));
  } catch {
    throw new TimestampError(url, "answered something that is not an RFC 3161 TimeStampResp");
  }
  const status = resp.status.status as number;
  if (status !== 0 && status !== 1) {
    const text = (resp.status.statusStrings ?? []).map((s) => s.valueBlock.value).join("; ");
    throw new TimestampError(url, `refused the request (${STATUS[status] ?? `status ${status}`}${text ? `: ${text}` : ""})`);
  }
  if (!resp.timeStampToken) throw new TimestampError(url, "granted the request but sent no time-stamp token");
  const token = new Uint8Array(resp.timeStampToken.toSchema().toBER(false));
  const check = checkTimestampToken(token, data);
  if (check.nonce !== Buffer.from(nonce).toString("hex").replace(/^(00)+/, "")) throw new TimestampError(url, "answered with a token that does not carry our nonce (a replayed or foreign answer)");
  if (!check.ok) throw new TimestampError(url, `answered with a token that fails its checks: ${check.problems.join("; ")}`);
  return token;
}

/** fetch says "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, a certificate error…). */
function reasonOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}

export interface TsaSettings {
  url: string;
  timeoutMs: number;
  username?: string | undefined;
  password?: string | undefined;
}

/** The URL without user info (for requests, messages and logs) and the user info it had. */
function split(url: string): { bare: string; username?: string; password?: string } {
  try {
    const u = new URL(url);
    const user = u.username ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : {};
    u.username = "";
    u.password = "";
    return { bare: u.toString(), ...user };
  } catch {
    return { bare: "(invalid URL)" };
  }
}

/** Time-stamps over HTTP(S) POST (application/timestamp-query), as RFC 3161 section 3.4 describes. */
export function httpTimestamper(settings: TsaSettings, fetchImpl: typeof fetch = fetch): Timestamper {
  const { bare: url, ...inUrl } = split(settings.url);
  const username = settings.username ?? inUrl.username;
  const password = settings.username !== undefined ? settings.password : inUrl.password;
  const headers: Record<string, string> = { "content-type": "application/timestamp-query", accept: "application/timestamp-reply" };
  if (username !== undefined) headers.authorization = `Basic ${Buffer.from(`${username}:${password ?? ""}`).toString("base64")}`;
  return {
    url,
    async timestamp(data) {
      const nonce = randomBytes(8);
      nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x01; // positive, no leading zero byte
      const body = timestampRequest(new Uint8Array(createHash("sha256").update(data).digest()), nonce);
      let res: Response;
      try {
        res = await fetchImpl(url, { method: "POST", headers, body: Buffer.from(body), signal: AbortSignal.timeout(settings.timeoutMs), redirect: "error" });
      } catch (e) {
        const timedOut = (e as Error).name === "TimeoutError";
        throw new TimestampError(url, timedOut ? `did not answer within ${settings.timeoutMs} ms` : `cannot be reached (${reasonOf(e)})`);
      }
      const bytes = new Uint8Array(await res.arrayBuffer().catch(() => new ArrayBuffer(0)));
      if (!res.ok) throw new TimestampError(url, `answered HTTP ${res.status}${res.status === 401 || res.status === 403 ? " (check SEAL_TSA_USERNAME and SEAL_TSA_PASSWORD)" : ""}`);
      return acceptResponse(url, bytes, data, nonce);
    },
  };
}

/** The configured time-stamp authority, or undefined (seals are then B-B). */
export function timestamperFrom(config: Pick<Config, "seal">): Timestamper | undefined {
  return config.seal.tsa ? httpTimestamper(config.seal.tsa) : undefined;
}
