/**
 * Verifies the last signature of a PDF: the byte ranges leave out exactly the signature and cover
 * the whole file, the digest matches, the CMS signature verifies with the signer's certificate,
 * and the chain ends at this server's seal CA (then the bank is named from the certificate).
 * A signature time-stamp (B-T) is reported when its token is over this signature and verifies; the
 * audit trail embedded in the sealed revision is reported when the seal is intact and trusted.
 */
import { X509Certificate } from "node:crypto";
import type { Executor } from "../../db";
import { checkCms } from "./cms";
import type { SealKeyProvider, TrustAnchor } from "./keys";
import { findLastSignature } from "./pdf";
import { readAuditTrail } from "./render/index";
import { TEST_CA_NAME } from "./test-ca";
import { checkTimestampToken } from "./tsa";

/** One event of the envelope's audit trail, as embedded in the sealed PDF (contract: AuditTrailEvent). */
export interface AuditTrailEvent {
  at: string;
  action: string;
  signer: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  hash: string;
  [key: string]: unknown;
}

export interface Verification {
  sealed: boolean;
  intact: boolean;
  coversWholeDocument: boolean;
  signer: { subject: string; issuer: string } | null;
  signedAt: string | null;
  /** The signature time-stamp (B-T): the time the authority vouches for, and who it is. */
  timestamp: { at: string; authority: string } | null;
  auditTrail: AuditTrailEvent[];
  trusted: boolean;
  testSeal: boolean;
  bank: { slug: string; name: string } | null;
  problems: string[];
}

export interface BytesCheck extends Omit<Verification, "trusted" | "testSeal" | "bank"> {
  /** The signer's chain as built from the signature's certificates, signer first. */
  chain: X509Certificate[];
}

/** Node prints a distinguished name one attribute a line; one line reads better in JSON. */
const oneLine = (dn: string) => dn.split("\n").filter(Boolean).join(", ");
const field = (dn: string, name: string) => dn.split("\n").find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1);

/** From the signer up through the certificates in the signature, each issued and signed by the next. */
function buildChain(signer: X509Certificate, pool: X509Certificate[]): X509Certificate[] {
  const chain = [signer];
  for (let cur = signer; chain.length < 10; ) {
    const next = pool.find((c) => !chain.some((x) => x.raw.equals(c.raw)) && cur.checkIssued(c) && cur.verify(c.publicKey));
    if (!next) break;
    chain.push(next);
    cur = next;
  }
  return chain;
}

/** Everything that can be said from the bytes alone (no trust decision). */
export function verifySignatureBytes(bytes: Uint8Array): BytesCheck {
  const none: BytesCheck = { sealed: false, intact: false, coversWholeDocument: false, signer: null, signedAt: null, timestamp: null, auditTrail: [], problems: [], chain: [] };
  const found = findLastSignature(bytes);
  if (!found) return { ...none, problems: ["The document has no signature or seal"] };
  const problems = [...found.problems];
  const [, b, c, d] = found.byteRange;
  const coversWholeDocument = found.contents !== null && c + d === bytes.length;
  if (found.contents && !coversWholeDocument) problems.push("The document was changed or extended after it was sealed: the seal does not cover the whole file");
  if (!found.contents) return { ...none, sealed: true, signedAt: found.signedAt, problems };
  const cms = checkCms(found.contents, [bytes.subarray(0, b), bytes.subarray(c, c + d)]);
  problems.push(...cms.problems);
  const chain = cms.signer ? buildChain(cms.signer, cms.certificates) : [];
  const leaf = cms.signer;
  let timestamp: BytesCheck["timestamp"] = null;
  if (cms.timestampToken && cms.signatureValue) {
    const ts = checkTimestampToken(cms.timestampToken, cms.signatureValue);
    if (ts.ok && ts.at && ts.authority) timestamp = { at: ts.at.toISOString(), authority: ts.authority };
    else problems.push(...ts.problems);
  }
  return {
    sealed: true,
    intact: cms.digestMatches && cms.signatureValid,
    coversWholeDocument,
    signer: leaf ? { subject: oneLine(leaf.subject), issuer: oneLine(leaf.issuer) } : null,
    signedAt: found.signedAt,
    timestamp,
    auditTrail: [],
    problems,
    chain,
  };
}

/** Does the chain end at (or under) one of the anchors? Returns the anchor it reached. */
function anchorOf(chain: X509Certificate[], anchors: TrustAnchor[]): TrustAnchor | null {
  const top = chain.at(-1);
  if (!top) return null;
  for (const a of anchors) {
    const root = new X509Certificate(Buffer.from(a.der));
    if (chain.some((c) => c.raw.equals(root.raw)) || (top.checkIssued(root) && top.verify(root.publicKey))) return a;
  }
  return null;
}

const isEvent = (e: unknown): e is AuditTrailEvent =>
  typeof e === "object" && e !== null && typeof (e as AuditTrailEvent).at === "string" && typeof (e as AuditTrailEvent).action === "string" && typeof (e as AuditTrailEvent).hash === "string";

/** The audit trail embedded in the sealed revision (the bytes the seal covers), or [] when there is none. */
async function sealedTrail(bytes: Uint8Array, problems: string[]): Promise<AuditTrailEvent[]> {
  const found = findLastSignature(bytes);
  if (!found) return [];
  const [, , c, d] = found.byteRange;
  let trail: unknown[] | null;
  try {
    trail = await readAuditTrail(bytes.subarray(0, c + d));
  } catch {
    problems.push("The audit trail embedded in the document cannot be read");
    return [];
  }
  if (!trail) return [];
  if (!trail.every(isEvent)) {
    problems.push("The audit trail embedded in the document is not in the expected form");
    return [];
  }
  return trail;
}

async function bankOf(db: Executor, leaf: X509Certificate, test: boolean): Promise<{ slug: string; name: string } | null> {
  const slug = field(leaf.subject, "serialNumber");
  if (slug) {
    const t = await db.selectFrom("tenants").select(["slug", "name"]).where("slug", "=", slug).executeTakeFirst();
    if (t) return { slug: t.slug, name: t.name };
  }
  if (test) return null;
  // A deployment's own P12 need not carry a slug: a single-bank server names its only bank.
  const two = await db.selectFrom("tenants").select(["slug", "name"]).orderBy("created_at").limit(2).execute();
  return two.length === 1 && two[0] ? { slug: two[0].slug, name: two[0].name } : null;
}

export async function verifyPdf(db: Executor, keys: SealKeyProvider, bytes: Uint8Array): Promise<Verification> {
  const { chain, ...check } = verifySignatureBytes(bytes);
  const anchor = chain.length ? anchorOf(chain, await keys.trustAnchors()) : null;
  const trusted = anchor !== null && check.intact;
  const leaf = chain[0];
  const problems = [...check.problems];
  if (leaf && !anchor) problems.push("The seal's certificate was not issued by this server's seal authority");
  const signedAt = check.signedAt ? new Date(check.signedAt) : null;
  if (leaf && signedAt && (signedAt < new Date(leaf.validFrom) || signedAt > new Date(leaf.validTo))) problems.push("The seal's certificate was not valid at the stated signing time");
  const rootName = chain.at(-1)?.subject ?? "";
  const auditTrail = trusted ? await sealedTrail(bytes, problems) : [];
  return {
    ...check,
    auditTrail,
    problems,
    trusted,
    testSeal: anchor ? anchor.test : rootName.includes(TEST_CA_NAME),
    bank: trusted && leaf && anchor ? await bankOf(db, leaf, anchor.test) : null,
  };
}
