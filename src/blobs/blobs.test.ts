import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BlobNotFoundError, checkBlobKey, localBlobStore, openBlob, sealBlob } from "./index";

const dir = () => mkdtempSync(join(tmpdir(), "atrium-blobs-"));
const key = randomBytes(32);

describe("local blob store", () => {
  it("round-trips bytes and keeps only ciphertext on disk", async () => {
    const root = dir();
    const store = localBlobStore(root, key);
    const plain = Buffer.from("%PDF-1.7 a passport scan with the name MARIA GARCIA");
    await store.put("onboarding/t1/a1/d1", plain);
    expect(await store.get("onboarding/t1/a1/d1")).toEqual(plain);
    const onDisk = readFileSync(join(root, "onboarding/t1/a1/d1"));
    expect(onDisk.includes(Buffer.from("MARIA GARCIA"))).toBe(false);
    expect(onDisk.subarray(0, 4).toString()).toBe("ATB1");
    expect(readdirSync(join(root, "onboarding/t1/a1"))).toEqual(["d1"]);
  });

  it("refuses a tampered file, a file moved to another key and a wrong key", async () => {
    const root = dir();
    const store = localBlobStore(root, key);
    await store.put("a/b", Buffer.from("hello world"));
    const path = join(root, "a/b");
    const sealed = readFileSync(path);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    writeFileSync(path, flipped);
    await expect(store.get("a/b")).rejects.toThrow();
    writeFileSync(join(root, "a/c"), sealed);
    await expect(store.get("a/c")).rejects.toThrow();
    expect(() => openBlob(randomBytes(32), "a/b", sealed)).toThrow();
    expect(openBlob(key, "a/b", sealBlob(key, "a/b", Buffer.from("x"))).toString()).toBe("x");
  });

  it("answers BlobNotFoundError for a missing blob and deletes idempotently", async () => {
    const store = localBlobStore(dir(), key);
    await expect(store.get("nope/nothing")).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.put("x/y", Buffer.from("1"));
    await store.delete("x/y");
    await store.delete("x/y");
    await expect(store.get("x/y")).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it("refuses keys that could leave the folder", () => {
    for (const bad of ["../etc/passwd", "a/../../b", "/abs", "a//b", "a/./b", "", "a\\b", "a/.."]) {
      expect(() => checkBlobKey(bad), bad).toThrow();
    }
    expect(checkBlobKey("onboarding/0196-a/doc_1.pdf")).toBe("onboarding/0196-a/doc_1.pdf");
  });
});
