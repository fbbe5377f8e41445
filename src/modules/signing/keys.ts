/**
 * Where the bank's seal key lives. Routes and the sealer only see `SealKeyProvider`, so an HSM or
 * a cloud KMS can serve later without touching them. Two providers today:
 * - the local test CA (development, tests): a per-tenant test certificate, see test-ca.ts;
 * - one PKCS#12 file for the deployment (SEAL_P12_PATH + SEAL_P12_PASSWORD): single-bank servers.
 * In production without a P12 there is no provider: sealing answers 503 not_ready.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign as nodeSign, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import forge from "node-forge";
import type { Config } from "../../config";
import type { Executor } from "../../db";
import { AppError } from "../../kernel/errors";
import { TEST_CA_NAME, TestSealCa } from "./test-ca";
import { type Timestamper, timestamperFrom } from "./tsa";

export interface Sealer {
  /** DER certificates, leaf first. */
  certificateChain: Uint8Array[];
  /** RSA-PKCS1 v1.5 or ECDSA (DER) over SHA-256 of `data` (the DER signed attributes). */
  sign(data: Uint8Array): Promise<Uint8Array>;
  algorithm: "rsa-sha256" | "ecdsa-p256-sha256";
  /** True when the certificate comes from the local test CA. */
  test: boolean;
  /** When set, seals carry a signature time-stamp from this authority (PAdES B-T). */
  timestamper?: Timestamper | undefined;
}

export interface TrustAnchor {
  der: Uint8Array;
  test: boolean;
}

export interface SealKeyProvider {
  sealerFor(tenantId: string, bankName: string): Promise<Sealer>;
  /** The roots a seal from this server chains to (read only: nothing is created). */
  trustAnchors(): Promise<TrustAnchor[]>;
}

function sealerOf(key: KeyObject, chain: Uint8Array[], test: boolean): Sealer {
  const type = key.asymmetricKeyType;
  if (type !== "rsa" && !(type === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1")) {
    throw new Error(`Seal keys must be RSA or ECDSA P-256 (got ${type})`);
  }
  return {
    certificateChain: chain,
    algorithm: type === "rsa" ? "rsa-sha256" : "ecdsa-p256-sha256",
    test,
    sign: async (data) => new Uint8Array(nodeSign("sha256", data, type === "rsa" ? key : { key, dsaEncoding: "der" })),
  };
}

/** Development and tests: a test seal per tenant, issued by a CA made on this machine. */
export class TestCaKeyProvider implements SealKeyProvider {
  readonly ca: TestSealCa;
  constructor(
    private readonly db: Executor,
    config: Pick<Config, "dataDir" | "secretKey">,
  ) {
    this.ca = new TestSealCa(join(config.dataDir, "seal"), config.secretKey);
  }

  async sealerFor(tenantId: string, bankName: string): Promise<Sealer> {
    const tenant = await this.db.selectFrom("tenants").select("slug").where("id", "=", tenantId).executeTakeFirst();
    if (!tenant) throw new AppError("not_found", "No such bank");
    const { key, chain } = await this.ca.forTenant(tenantId, tenant.slug, bankName);
    return sealerOf(key, chain, true);
  }

  async trustAnchors(): Promise<TrustAnchor[]> {
    const der = this.ca.existingCaCertificate();
    return der ? [{ der, test: true }] : [];
  }
}

const derOf = (cert: forge.pki.Certificate) => new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary"));

/** Reads a PKCS#12 file: its private key and the certificate chain from the key's certificate up. */
export function readP12(bytes: Uint8Array, password: string): { key: KeyObject; chain: Uint8Array[] } {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString("binary"))), false, password);
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const shrouded = forge.pki.oids.pkcs8ShroudedKeyBag as string;
  const plain = forge.pki.oids.keyBag as string;
  const keyBag = [...bags(shrouded), ...bags(plain)][0];
  if (!keyBag?.key) throw new Error("The P12 holds no RSA private key");
  const key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const certs = bags(forge.pki.oids.certBag as string).flatMap((b) => (b.cert ? [new X509Certificate(derOf(b.cert))] : []));
  const publicDer = createPublicKey(key).export({ type: "spki", format: "der" });
  const leaf = certs.find((c) => Buffer.from(c.publicKey.export({ type: "spki", format: "der" })).equals(publicDer));
  if (!leaf) throw new Error("The P12 holds no certificate for its private key");
  const chain = [leaf];
  for (let cur = leaf; chain.length < 10; ) {
    const next = certs.find((c) => !chain.includes(c) && cur.checkIssued(c) && cur.verify(c.publicKey));
    if (!next) break;
    chain.push(next);
    cur = next;
  }
  return { key, chain: chain.map((c) => new Uint8Array(c.raw)) };
}

/** Production, single-bank deployments: one P12 seals every document of the deployment. */
export class P12KeyProvider implements SealKeyProvider {
  private readonly sealer: Sealer;
  constructor(path: string, password: string) {
    const { key, chain } = readP12(readFileSync(path), password);
    this.sealer = sealerOf(key, chain, false);
  }
  async sealerFor(): Promise<Sealer> {
    return this.sealer;
  }
  async trustAnchors(): Promise<TrustAnchor[]> {
    const root = this.sealer.certificateChain.at(-1);
    return root ? [{ der: root, test: false }] : [];
  }
}

/** Production without a seal key: verification still works (nothing is trusted), sealing is 503. */
export class NoSealKeyProvider implements SealKeyProvider {
  async sealerFor(): Promise<Sealer> {
    throw new AppError("not_ready", "Sealing is not configured: set SEAL_P12_PATH and SEAL_P12_PASSWORD to the bank's seal certificate (PKCS#12)");
  }
  async trustAnchors(): Promise<TrustAnchor[]> {
    return [];
  }
}

/** Any provider, its sealers time-stamping with `timestamper` (SEAL_TSA_URL). */
export function withTimestamper(provider: SealKeyProvider, timestamper: Timestamper): SealKeyProvider {
  return {
    sealerFor: async (tenantId, bankName) => ({ ...(await provider.sealerFor(tenantId, bankName)), timestamper }),
    trustAnchors: () => provider.trustAnchors(),
  };
}

function baseProvider(db: Executor, config: Config): SealKeyProvider {
  if (config.seal.p12Path) return new P12KeyProvider(config.seal.p12Path, config.seal.p12Password ?? "");
  if (config.env === "production") return new NoSealKeyProvider();
  return new TestCaKeyProvider(db, config);
}

export function sealKeyProvider(db: Executor, config: Config): SealKeyProvider {
  const provider = baseProvider(db, config);
  const timestamper = timestamperFrom(config);
  return timestamper && !(provider instanceof NoSealKeyProvider) ? withTimestamper(provider, timestamper) : provider;
}

export { TEST_CA_NAME };
