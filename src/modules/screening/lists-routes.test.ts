import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem } from "../../../tests/support/routes";
import { importList } from "./import";

const ctx = await createTestContext();
let tenant: TestTenant;
let officer: Record<string, string>;
const listId = `test-${randomUUID()}`;
const header = "id,name,aliases,birth_date,nationality,position,country\n";
const file = (rows: string) => [{ name: "pep.csv", bytes: new TextEncoder().encode(header + rows) }];

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  officer = await apiKeyHeaders(ctx, tenant, "compliance_officer");
  const now = ctx.clock.now();
  await importList(ctx.deps.db, { listId, format: "pep-csv", files: file("1,Synthetic One,,,,,\n2,Synthetic Two,,,,,\n"), source: "v1.csv", importedBy: "test", now });
  await importList(ctx.deps.db, { listId, format: "pep-csv", files: file("1,Synthetic One,,,,,\n2,Synthetic Two,,,,,\n3,Synthetic Three,,1970-13-45x,,,\n"), source: "v2.csv", importedBy: "test", now });
  await importList(ctx.deps.db, { listId, format: "pep-csv", files: [{ name: "broken.csv", bytes: new Uint8Array() }], source: "broken.csv", importedBy: "test", now }).catch(() => null);
});

const get = (path: string, headers = officer) => ctx.app.request(`${API}${path}`, { headers });

describe("lists API", () => {
  it("lists each list with its active version, last import and last failure", async () => {
    const res = await get("/screening/lists");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Array<Record<string, unknown>> };
    const mine = items.find((l) => l.id === listId);
    expect(mine).toMatchObject({
      id: listId,
      name: listId,
      kind: "pep",
      format: "pep-csv",
      activeVersion: { version: 2, status: "active", entries: 2, names: 2, problemCount: 1, source: "v2.csv" },
      lastImport: { version: 3, status: "failed" },
      lastFailure: { version: 3, error: "broken.csv: the file is empty", entries: 0 },
    });
    expect(mine?.activeVersion).toHaveProperty("problems", [{ where: "pep.csv line 4", message: 'birth_date "1970-13-45x" is not YYYY-MM-DD, YYYY-MM or YYYY' }]);
  });

  it("pages a list's versions newest first, and 404s an unknown list", async () => {
    const first = await get(`/screening/lists/${listId}/versions?limit=2`);
    expect(first.status).toBe(200);
    const p1 = (await first.json()) as { items: Array<{ version: number; status: string; sha256: string }>; nextCursor: string | null };
    expect(p1.items.map((v) => [v.version, v.status])).toEqual([
      [3, "failed"],
      [2, "active"],
    ]);
    expect(p1.items[1]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const p2 = (await (await get(`/screening/lists/${listId}/versions?limit=2&cursor=${p1.nextCursor}`)).json()) as typeof p1;
    expect(p2.items.map((v) => [v.version, v.status])).toEqual([[1, "superseded"]]);
    expect(p2.nextCursor).toBeNull();
    await expectProblem(await get(`/screening/lists/no-such-list-${randomUUID()}/versions`), 404, "not_found");
  });

  it("rejects bad paging with the field named, and refuses roles without lists:read", async () => {
    const bad = await get(`/screening/lists/${listId}/versions?limit=0`);
    const body = await expectProblem(bad, 400, "validation_failed");
    expect(JSON.stringify(body)).toContain("query.limit");
    await expectProblem(await get(`/screening/lists/${listId}/versions?cursor=nonsense`), 400, "validation_failed");
    await expectProblem(await get("/screening/lists", await apiKeyHeaders(ctx, tenant, "agent")), 403, "forbidden");
  });
});
