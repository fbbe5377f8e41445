/**
 * The local test seal CA: on first use a CA ("Atrium Test Seal CA — NOT FOR PRODUCTION") is made
 * under `<dataDir>/seal/`, and per tenant a seal certificate issued by it. Each file holds the
 * private key (PKCS#8, AES-256-CBC with a passphrase derived from the server secret) and the
 * certificate, mode 0600, written once and atomically (a racing process keeps the winner's file).
 */
import { createHash, createPrivateKey, type KeyObject, randomBytes, webcrypto, X509Certificate } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

pkijs.setEngine("node-webcrypto", new pkijs.CryptoEngine({ name: "node-webcrypto", crypto: webcrypto as unknown as Crypto }));

export const TEST_CA_NAME = "Atrium Test Seal CA — NOT FOR PRODUCTION";
const ALG = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]) };
const YEAR_MS = 365.25 * 24 * 3_600_000;
const ab = (u: Uint8Array) => u.slice().buffer as ArrayBuffer;

export interface KeyAndChain {
  key: KeyObject;
  /** DER certificates, leaf first. */
  chain: Uint8Array[];
}

function passphrase(secretKey: Buffer): string {
  return createHash("sha256").update("atrium:seal-key:").update(secretKey).digest("hex");
}

const serial = () => {
  const b = randomBytes(16);
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x01;
  return new asn1js.Integer({ valueHex: ab(b) });
};

/** An X.501 name, one attribute per RDN; serialNumber (2.5.4.5) is a PrintableString, the rest UTF-8. */
function x501(pairs: [string, string][]): pkijs.RelativeDistinguishedNames {
  const rdns = pairs.map(([type, value]) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: type === "2.5.4.5" ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }) }).toSchema()] }));
  // pkijs would put every attribute into one multi-valued RDN ("CN=…+O=…"); keep the bytes as built.
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false)).result });
}

/** basicConstraints, keyUsage and (time-stamping certificates, RFC 3161 2.3) extendedKeyUsage are critical. */
const ext = (extnID: string, value: asn1js.AsnType) => new pkijs.Extension({ extnID, critical: ["2.5.29.19", "2.5.29.15", "2.5.29.37"].includes(extnID), extnValue: value.toBER(false) });
const TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
const keyUsage = (byte: number, unused: number) => new asn1js.BitString({ valueHex: ab(new Uint8Array([byte])), unusedBits: unused });
const keyId = (cert: pkijs.Certificate) => createHash("sha1").update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();

interface CertSpec {
  subject: [string, string][];
  issuer: pkijs.RelativeDistinguishedNames | null;
  years: number;
  ca: boolean;
  /** A time-stamp authority's certificate: digitalSignature, extendedKeyUsage timeStamping only. */
  timeStamping?: boolean;
  publicKey: CryptoKey;
  signingKey: CryptoKey;
  authorityKeyId: Buffer | null;
}

async function issue(spec: CertSpec, now: Date): Promise<Uint8Array> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = serial();
  cert.subject = x501(spec.subject);
  cert.issuer = spec.issuer ?? x501(spec.subject);
  const notBefore = new Date(now.getTime() - 3_600_000);
  cert.notBefore.value = notBefore;
  cert.notAfter.value = new Date(notBefore.getTime() + spec.years * YEAR_MS);
  await cert.subjectPublicKeyInfo.importKey(spec.publicKey);
  cert.extensions = [
    ext("2.5.29.19", new pkijs.BasicConstraints(spec.ca ? { cA: true, pathLenConstraint: 0 } : {}).toSchema()),
    // CA: keyCertSign + cRLSign; seal: digitalSignature + nonRepudiation; TSA: digitalSignature
    ext("2.5.29.15", spec.ca ? keyUsage(0x06, 1) : spec.timeStamping ? keyUsage(0x80, 7) : keyUsage(0xc0, 6)),
    ...(spec.timeStamping ? [ext("2.5.29.37", new pkijs.ExtKeyUsage({ keyPurposes: [TIME_STAMPING] }).toSchema())] : []),
    ext("2.5.29.14", new asn1js.OctetString({ valueHex: ab(keyId(cert)) })),
    ...(spec.authorityKeyId ? [ext("2.5.29.35", new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: ab(spec.authorityKeyId) }) }).toSchema())] : []),
  ];
  await cert.sign(spec.signingKey, "SHA-256");
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

async function newKeys(modulusLength: number): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ ...ALG, modulusLength }, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function toKeyObject(key: CryptoKey): Promise<KeyObject> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key as webcrypto.CryptoKey));
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
}

async function toCryptoKey(key: KeyObject): Promise<CryptoKey> {
  const der = key.export({ type: "pkcs8", format: "der" });
  return (await webcrypto.subtle.importKey("pkcs8", der, { name: ALG.name, hash: ALG.hash }, false, ["sign"])) as CryptoKey;
}

function pemOf(cert: Uint8Array): string {
  return new X509Certificate(Buffer.from(cert)).toString();
}

/** Writes `content` to `file` only if it does not exist yet; returns what is there afterwards. */
function writeOnce(file: string, content: string): string {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(file, "utf8");
}

function parseBundle(text: string, secretKey: Buffer): KeyAndChain {
  const keyPem = text.match(/-----BEGIN ENCRYPTED PRIVATE KEY-----[\s\S]+?-----END ENCRYPTED PRIVATE KEY-----/)?.[0];
  const certs = [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(new X509Certificate(m[0]).raw));
  if (!keyPem || certs.length === 0) throw new Error("Seal key file is damaged: expected an encrypted private key and certificates");
  return { key: createPrivateKey({ key: keyPem, format: "pem", passphrase: passphrase(secretKey) }), chain: certs };
}

function bundle(key: KeyObject, chain: Uint8Array[], secretKey: Buffer): string {
  const keyPem = key.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: passphrase(secretKey) }) as string;
  return [keyPem.trim(), ...chain.map(pemOf)].join("\n") + "\n";
}

function readIfThere(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

export class TestSealCa {
  private ca: Promise<KeyAndChain> | null = null;
  private readonly tenants = new Map<string, Promise<KeyAndChain>>();

  constructor(
    private readonly dir: string,
    private readonly secretKey: Buffer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The CA certificate (DER) when one exists, without creating it. */
  existingCaCertificate(): Uint8Array | null {
    const text = readIfThere(join(this.dir, "ca.pem"));
    const pem = text?.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
    return pem ? new Uint8Array(new X509Certificate(pem).raw) : null;
  }

  authority(): Promise<KeyAndChain> {
    this.ca ??= this.loadOrCreateCa().catch((e) => {
      this.ca = null;
      throw e;
    });
    return this.ca;
  }

  /** The tenant's seal key and chain [seal certificate, CA], created on first use. */
  forTenant(tenantId: string, slug: string, bankName: string): Promise<KeyAndChain> {
    let p = this.tenants.get(tenantId);
    if (!p) {
      p = this.loadOrIssue(tenantId, slug, bankName).catch((e) => {
        this.tenants.delete(tenantId);
        throw e;
      });
      this.tenants.set(tenantId, p);
    }
    return p;
  }

  /**
   * A time-stamp authority certificate issued by this CA (extendedKeyUsage timeStamping, critical),
   * made fresh on each call and not stored: for a local TSA in tests and development.
   */
  async timestampAuthority(name = "Atrium Test Time-Stamp Authority"): Promise<KeyAndChain> {
    const ca = await this.authority();
    const caCert = pkijs.Certificate.fromBER(ab(ca.chain[0] as Uint8Array));
    const keys = await newKeys(2048);
    const der = await issue(
      { subject: [["2.5.4.3", name], ["2.5.4.10", "Atrium (test)"]], issuer: caCert.subject, years: 3, ca: false, timeStamping: true, publicKey: keys.publicKey, signingKey: await toCryptoKey(ca.key), authorityKeyId: keyId(caCert) },
      this.now(),
    );
    return { key: await toKeyObject(keys.privateKey), chain: [der, ...ca.chain] };
  }

  private async loadOrCreateCa(): Promise<KeyAndChain> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, "ca.pem");
    const existing = readIfThere(file);
    if (existing) return parseBundle(existing, this.secretKey);
    const keys = await newKeys(3072);
    const der = await issue({ subject: [["2.5.4.3", TEST_CA_NAME], ["2.5.4.10", "Atrium (test)"]], issuer: null, years: 10, ca: true, publicKey: keys.publicKey, signingKey: keys.privateKey, authorityKeyId: null }, this.now());
    const key = await toKeyObject(keys.privateKey);
    return parseBundle(writeOnce(file, bundle(key, [der], this.secretKey)), this.secretKey);
  }

  private async loadOrIssue(tenantId: string, slug: string, bankName: string): Promise<KeyAndChain> {
    const dir = join(this.dir, "tenants");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${tenantId.replace(/[^A-Za-z0-9-]/g, "_")}.pem`);
    const existing = readIfThere(file);
    if (existing) return parseBundle(existing, this.secretKey);
    const ca = await this.authority();
    const caCert = pkijs.Certificate.fromBER(ab(ca.chain[0] as Uint8Array));
    const keys = await newKeys(2048);
    const der = await issue(
      {
        subject: [["2.5.4.3", `${bankName} electronic seal (TEST)`], ["2.5.4.10", bankName], ["2.5.4.5", slug]],
        issuer: caCert.subject,
        years: 3,
        ca: false,
        publicKey: keys.publicKey,
        signingKey: await toCryptoKey(ca.key),
        authorityKeyId: keyId(caCert),
      },
      this.now(),
    );
    const key = await toKeyObject(keys.privateKey);
    return parseBundle(writeOnce(file, bundle(key, [der, ...ca.chain], this.secretKey)), this.secretKey);
  }
}
