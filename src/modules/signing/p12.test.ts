import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../tests/support/factories";
import { P12KeyProvider, sealKeyProvider } from "./keys";
import { sealPdf } from "./seal";
import { FIELDS, makePdf, pdfsig } from "./signing.testkit";
import { verifyPdf } from "./verify";

/** A deployment's own seal: a CA and a seal certificate made by openssl, packed into a P12 (openssl 3 defaults: PBES2/AES). */
const ctx = await createTestContext();
const dir = mkdtempSync(join(tmpdir(), "atrium-p12-"));
let tenant: TestTenant;
const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/CN=Bank Root CA/O=Bank", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "seal.key", "-out", "seal.csr", "-subj", `/CN=${tenant.name} seal/O=${tenant.name}/serialNumber=${tenant.slug}`);
  writeFileSync(join(dir, "ext.cnf"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
  openssl("x509", "-req", "-in", "seal.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "seal.crt", "-days", "30", "-extfile", "ext.cnf");
  openssl("pkcs12", "-export", "-inkey", "seal.key", "-in", "seal.crt", "-certfile", "ca.crt", "-out", "seal.p12", "-passout", "pass:s3cret");
}, 60_000);

describe("a seal key from a PKCS#12 file (SEAL_P12_PATH)", () => {
  it("is chosen by config, seals documents pdfsig accepts, and verifies as trusted, not a test seal", async () => {
    const config = { ...ctx.config, seal: { p12Path: join(dir, "seal.p12"), p12Password: "s3cret", tsa: null } };
    const keys = sealKeyProvider(ctx.deps.db, config);
    expect(keys).toBeInstanceOf(P12KeyProvider);
    const sealer = await keys.sealerFor(tenant.id, tenant.name);
    expect(sealer.test).toBe(false);
    expect(sealer.certificateChain).toHaveLength(2);
    const sealed = await sealPdf(await makePdf(2), sealer, FIELDS);
    expect(pdfsig(sealed)).toContain("Signature is Valid.");
    const v = await verifyPdf(ctx.deps.db, keys, sealed);
    expect(v).toMatchObject({ intact: true, coversWholeDocument: true, trusted: true, testSeal: false, bank: { slug: tenant.slug, name: tenant.name } });
  });

  it("a wrong password is refused at start", () => {
    expect(() => new P12KeyProvider(join(dir, "seal.p12"), "wrong")).toThrow();
  });
});
