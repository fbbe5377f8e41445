import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const sha256Hex = (value: string | Uint8Array) => createHash("sha256").update(value).digest("hex");

export function hmacHex(key: Buffer, value: string): string {
  return createHmac("sha256", key).update(value).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function aesKey(secret: Buffer): Buffer {
  return createHash("sha256").update(Buffer.concat([Buffer.from("atrium:aes:"), secret])).digest();
}

/** AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url; the key derives from ATRIUM_SECRET. */
export function encryptSecret(secret: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", aesKey(secret), iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(secret: Buffer, boxed: string): string {
  const [v, iv, tag, ct] = boxed.split(".");
  if (v !== "v1" || !iv || !tag || !ct) throw new Error("unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", aesKey(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/** AES-256-GCM over bytes (uploaded files): `iv (12) | tag (16) | ciphertext`; the key derives from ATRIUM_SECRET. */
export function encryptBytes(secret: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", aesKey(secret), iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function decryptBytes(secret: Buffer, boxed: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", aesKey(secret), boxed.subarray(0, 12));
  decipher.setAuthTag(boxed.subarray(12, 28));
  return Buffer.concat([decipher.update(boxed.subarray(28)), decipher.final()]);
}
