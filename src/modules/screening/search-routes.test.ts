import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem, issuePaths, send } from "../../../tests/support/routes";
import { makeTestList, uniqueSurname } from "./test-lists";

const ctx = await createTestContext();
let tenant: TestTenant;
let officer: Record<string, string>;
let listId: string;
const family = uniqueSurname();
type Hit = { list: string; entryId: string; name: string; matchedName: string; score: number; band: string; kind: string; programs: string[]; listVersion: number };
type Result = { listVersion: string; warning: string | null; bands: Record<string, number>; matches: Hit[] };

const search = (body: unknown, headers = officer) => ctx.app.request(`${API}/screening/search`, send("POST", body, headers));
const ok = async <T>(res: Response): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
};

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  officer = await apiKeyHeaders(ctx, tenant, "compliance_officer");
  ({ listId } = await makeTestList(db(), [
    { entryId: "E1", name: `Usama bin ${family}`, aliases: [{ name: `Osama ${family}`, quality: "strong" }], birthDates: ["1957"], nationalities: ["SA"], programs: ["SDGT"] },
    { entryId: "E2", name: `${family} Shipping LLC`, kind: "entity", programs: ["IRAN", "NPWMD"] },
    { entryId: "E3", name: "Abu Bakr al-Baghdadi", programs: ["SDGT"] },
  ]));
});
function db() {
  return ctx.deps.db;
}

describe("POST /screening/search", () => {
  it("returns the scored, banded matches best first with the list versions", async () => {
    const r = await ok<Result>(await search({ name: `Osama bin ${family}`, birthDate: "1957-01-01", country: "sa" }));
    expect(r.listVersion).toContain(`${listId}:1`);
    expect(r.warning).toBeNull();
    expect(r.bands).toEqual({ block: 0.95, review: 0.85, edd: 0.7 });
    const hits = r.matches.filter((m) => m.list === listId);
    expect(hits[0]).toMatchObject({ entryId: "E1", name: `Usama bin ${family}`, kind: "individual", programs: ["SDGT"], band: "block", listVersion: 1 });
    expect(hits[0]?.score).toBeGreaterThanOrEqual(0.95);
    const scores = r.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("finds the Arabic, Hebrew and Cyrillic spellings of a Latin list name", async () => {
    for (const name of ["أبو بكر البغدادي", "אבו בכר אל-בגדאדי", "Абу Бакр аль-Багдади"]) {
      const r = await ok<Result>(await search({ name }));
      const hit = r.matches.find((m) => m.list === listId);
      expect(hit, name).toMatchObject({ entryId: "E3", name: "Abu Bakr al-Baghdadi" });
      expect(hit?.score, name).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("refuses absurd names with 400 naming body.name, and bad dates and countries with their fields", async () => {
    for (const name of ["", "   ", "x".repeat(10_000), "!!! ### 123", "😀😀"]) {
      const p = await expectProblem(await search({ name }), 400, "validation_failed");
      expect(issuePaths(p)).toEqual(["body.name"]);
    }
    const p = await expectProblem(await search({ name: "Ann Lee", birthDate: "1990-02-30", country: "ISR" }), 400, "validation_failed");
    expect(issuePaths(p).sort()).toEqual(["body.birthDate", "body.country"]);
    await expectProblem(await search({ name: "Ann Lee", extra: 1 }), 400, "unknown_field");
  });

  it("is refused to roles without screening:search", async () => {
    const agent = await apiKeyHeaders(ctx, tenant, "agent");
    await expectProblem(await search({ name: "Ann Lee" }, agent), 403, "forbidden");
  });
});

describe("GET /screening/entries/{listId}/{entryId}", () => {
  it("shows an entry of the active version, 404 for an unknown one", async () => {
    const res = await ctx.app.request(`${API}/screening/entries/${listId}/E2`, { headers: officer });
    const e = await ok<Record<string, unknown>>(res);
    expect(e).toMatchObject({ list: listId, listKind: "sanctions", version: 1, entryId: "E2", kind: "entity", programs: ["IRAN", "NPWMD"], aliases: [], details: { remarks: "entry E2" } });
    await expectProblem(await ctx.app.request(`${API}/screening/entries/${listId}/nope`, { headers: officer }), 404, "not_found");
    await expectProblem(await ctx.app.request(`${API}/screening/entries/no-such-list/E2`, { headers: officer }), 404, "not_found");
  });
});
