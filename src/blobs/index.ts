/**
 * Blob storage: bytes by key, encrypted at rest. The default keeps local files under the data
 * folder (BLOB_DIR); an S3-style or HSM-backed store implements the same interface.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";

export interface BlobStore {
  /** Stores the bytes under a key (replacing nothing: keys are fresh ids). */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes as stored; throws BlobNotFoundError when there is no such blob. */
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(key: string) {
    super(`No blob ${key}`);
    this.name = "BlobNotFoundError";
  }
}

/** Keys are "/"-separated segments of [A-Za-z0-9_.-], never "." or ".."; no absolute paths. */
const KEY = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+){0,7}$/;
export function checkBlobKey(key: string): string {
  if (key.length > 300 || !KEY.test(key)) throw new Error(`Not a valid blob key: ${JSON.stringify(key)}`);
  return key;
}

const MAGIC = Buffer.from("ATB1");

/** `ATB1 | iv (12) | tag (16) | ciphertext`, AES-256-GCM; the key name is bound as associated data. */
export function sealBlob(key: Buffer, name: string, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(name));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), ct]);
}

export function openBlob(key: Buffer, name: string, sealed: Buffer): Buffer {
  if (sealed.length < 32 || !sealed.subarray(0, 4).equals(MAGIC)) throw new Error(`Blob ${name} is not in the sealed format`);
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(4, 16));
  decipher.setAAD(Buffer.from(name));
  decipher.setAuthTag(sealed.subarray(16, 32));
  return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
}

/** Local files, one per blob, written to a temporary name and renamed so a crash leaves no half file. */
export function localBlobStore(dir: string, encryptionKey: Buffer): BlobStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    const p = resolve(join(root, checkBlobKey(key)));
    if (!p.startsWith(root + sep)) throw new Error(`Blob key escapes the store: ${key}`);
    return p;
  };
  return {
    async put(key, bytes) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true, mode: 0o700 });
      const tmp = `${p}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(tmp, sealBlob(encryptionKey, key, bytes), { mode: 0o600 });
      await rename(tmp, p);
    },
    async get(key) {
      let sealed: Buffer;
      try {
        sealed = await readFile(pathOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new BlobNotFoundError(key);
        throw err;
      }
      return openBlob(encryptionKey, key, sealed);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
