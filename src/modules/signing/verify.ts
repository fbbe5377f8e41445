/**
 * Verifies the last signature of a PDF: the byte ranges leave out exactly the signature and cover
 * the whole file, the digest matches, the CMS signature verifies with the signer's certificate,
 * and the chain ends at this server's seal CA (then the bank is named from the certificate).
 */
import { X509Certificate } from "node:crypto";
import type { Executor } from "../../db";
import { checkCms } from "./cms";
import type { SealKeyProvider, TrustAnchor } from "./keys";
import { findLastSignature } from "./pdf";
import { TEST_CA_NAME } from "./test-ca";

export interface Verification {
  sealed: boolean;
  intact: boolean;
  coversWholeDocument: boolean;
  signer: { subject: string; issuer: string } | null;
  signedAt: string | null;
  auditTrail: never[];
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
  const none: BytesCheck = { sealed: false, intact: false, coversWholeDocument: false, signer: null, signedAt: null, auditTrail: [], problems: [], chain: [] };
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
  return {
    sealed: true,
    intact: cms.digestMatches && cms.signatureValid,
    coversWholeDocument,
    signer: leaf ? { subject: oneLine(leaf.subject), issuer: oneLine(leaf.issuer) } : null,
    signedAt: found.signedAt,
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
  return {
    ...check,
    problems,
    trusted,
    testSeal: anchor ? anchor.test : rootName.includes(TEST_CA_NAME),
    bank: trusted && leaf && anchor ? await bankOf(db, leaf, anchor.test) : null,
  };
}
