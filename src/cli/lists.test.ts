import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../tests/support/context";

/**
 * `atrium lists …` as an operator runs it: a real process on a real store (a fresh embedded
 * folder, or the suite's PostgreSQL database when the suite runs there).
 */
const BIN = join(import.meta.dirname, "../../bin/atrium.mjs");
const SEEDS = join(import.meta.dirname, "../../seeds/lists");
const dir = mkdtempSync(join(tmpdir(), "atrium-lists-"));
const env = { ...process.env, ATRIUM_DATA_DIR: join(dir, "data"), LOG_LEVEL: "silent", NODE_ENV: "development", DATABASE_URL: testDatabaseUrl() ?? "" };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function atrium(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("atrium lists", () => {
  const ofac = `test-${randomUUID()}`;
  const un = `test-${randomUUID()}`;

  it("imports OFAC from a folder, reports unchanged on the same files, and fails clearly on a corrupt file", () => {
    const folder = join(dir, "ofac");
    cpSync(join(SEEDS, "ofac"), folder, { recursive: true });
    const first = atrium("lists", "import", "--format", "ofac-csv", folder, "--list", ofac);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`^${ofac}: imported version 1 — 17 entries, \\d+ names, 0 problem\\(s\\), \\d+ ms\\.`));
    const again = atrium("lists", "import", "--format", "ofac-csv", join(folder, "sdn.csv"), join(folder, "alt.csv"), join(folder, "add.csv"), "--list", ofac);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/unchanged — the file\(s\) are those of the active version 1 \(17 entries/);
    const corrupt = join(dir, "sdn.csv");
    writeFileSync(corrupt, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]));
    const bad = atrium("lists", "import", "--format", "ofac-csv", corrupt, "--list", ofac);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/was not imported \(the previous version stays active\): sdn\.csv: the file is binary/);
  }, 180_000);

  it("imports the UN list and shows every list's active version, counts, last import and last failure", () => {
    const r = atrium("lists", "import", "--format", "un-xml", join(SEEDS, "un/UN_consolidated.xml"), "--list", un);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/imported version 1 — 1003 entries/);
    const status = atrium("lists", "status");
    expect(status.code).toBe(0);
    const lines = status.out.split("\n");
    expect(lines[0]).toMatch(/^list\s+kind\s+format\s+active\s+entries\s+names\s+last import\s+last failure$/);
    expect(lines.find((l) => l.startsWith(un))).toMatch(/sanctions\s+un-xml\s+v1\s+1003\s+\d+\s+v1 active .* by cli:/);
    expect(lines.find((l) => l.startsWith(ofac))).toMatch(/ofac-csv\s+v1\s+17\s+\d+\s+v2 failed .*v2 failed/);
    expect(status.out).toContain(`${ofac} v2 failed: sdn.csv: the file is binary`);
  }, 180_000);

  it("explains bad usage", () => {
    const noFormat = atrium("lists", "import", join(SEEDS, "pep/demo-pep.csv"));
    expect(noFormat.code).toBe(1);
    expect(noFormat.err).toMatch(/--format must be one of: ofac-csv, ofac-xml, un-xml, eu-csv, eu-xml, pep-csv/);
    const missing = atrium("lists", "import", "--format", "pep-csv", join(dir, "nope.csv"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No such file or folder: .*nope\.csv/);
    const badId = atrium("lists", "import", "--format", "pep-csv", join(SEEDS, "pep/demo-pep.csv"), "--list", "Not OK");
    expect(badId.code).toBe(1);
    expect(badId.err).toMatch(/List id "Not OK" must be lower-case letters, digits and dashes/);
    const sub = atrium("lists", "frobnicate");
    expect(sub.code).toBe(1);
    expect(sub.err).toMatch(/usage: atrium lists import --format/);
  }, 180_000);
});
