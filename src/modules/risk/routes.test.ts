import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths } from "../../../tests/support/routes";
import { type Json, kit } from "../onboarding/applications.testkit";
import { newId } from "../../kernel/ids";
import { DEFAULT_RULE_SET } from "./default-rules";

const ctx = await createTestContext();
const { req, ok } = kit(ctx);
let tenant: TestTenant;
let officer: Record<string, string>;
let reviewer: Record<string, string>;
let admin: Record<string, string>;
let officerId: string;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  const user = await makeUser(ctx, tenant, { role: "compliance_officer" });
  officerId = user.id;
  officer = (await signIn(ctx, tenant, user.email)).headers;
  reviewer = await apiKeyHeaders(ctx, tenant, "reviewer");
  admin = await apiKeyHeaders(ctx, tenant, "admin");
});

type Rules = { active: { version: number; definition: typeof DEFAULT_RULE_SET; note: string | null; publishedBy: string | null }; versions: Array<{ version: number; note: string | null; publishedByName: string | null; rules: number }>; facts: Array<{ name: string }> };

describe("risk rule versions", () => {
  it("a bank starts on the default rules (version 1); saving makes immutable new versions, audited", async () => {
    const first = await ok<Rules>(await req("GET", "/risk/rules", undefined, reviewer));
    expect(first.active).toMatchObject({ version: 1, definition: DEFAULT_RULE_SET, note: "Default rules", publishedBy: null });
    expect(first.versions).toEqual([expect.objectContaining({ version: 1, rules: DEFAULT_RULE_SET.rules.length, publishedByName: null })]);
    expect(first.facts.map((f) => f.name)).toContain("checks.sanctions.band");

    const changed = { ...DEFAULT_RULE_SET, thresholds: { medium: 25, high: 55 } };
    const v2 = await ok<Json>(await req("PUT", "/risk/rules", { definition: changed, note: "Lower thresholds" }, officer));
    expect(v2).toMatchObject({ version: 2, note: "Lower thresholds", publishedBy: officerId, definition: changed });
    // The same definition again is not a new version.
    await expectProblem(await req("PUT", "/risk/rules", { definition: changed }, officer), 409, "conflict");

    const now = await ok<Rules>(await req("GET", "/risk/rules", undefined, reviewer));
    expect(now.active.version).toBe(2);
    expect(now.versions.map((v) => [v.version, v.note, v.publishedByName])).toEqual([
      [2, "Lower thresholds", "compliance_officer user"],
      [1, "Default rules", null],
    ]);
    // Version 1 did not change.
    expect(await ok<Json>(await req("GET", "/risk/rules/versions/1", undefined, reviewer))).toMatchObject({ version: 1, definition: DEFAULT_RULE_SET });
    await expectProblem(await req("GET", "/risk/rules/versions/9", undefined, reviewer), 404, "not_found");
    await expectProblem(await req("GET", "/risk/rules/versions/latest", undefined, reviewer), 404, "not_found");

    const audit = await ctx.deps.db.selectFrom("audit_log").select(["action", "data", "actor_id"]).where("tenant_id", "=", tenant.id).where("action", "=", "risk.rules_published").execute();
    expect(audit).toEqual([{ action: "risk.rules_published", actor_id: officerId, data: { version: 2, note: "Lower thresholds", rules: DEFAULT_RULE_SET.rules.length } }]);
  });

  it("refuses rule sets with problems (422 rules_invalid with paths) and bad shapes (400), storing nothing", async () => {
    const before = (await ok<Rules>(await req("GET", "/risk/rules", undefined, reviewer))).active.version;
    const bad = {
      thresholds: { medium: 70, high: 40 },
      rules: [
        { id: "a", label: { en: "A" }, points: 10, when: { fact: "applicant.shoeSize", op: "gt", value: 40 } },
        { id: "a", label: { en: "A again" }, points: 10, when: { fact: "product", op: "equals", value: "yacht" } },
      ],
    };
    const p = await expectProblem(await req("PUT", "/risk/rules", { definition: bad }, officer), 422, "rules_invalid");
    expect(issuePaths(p)).toEqual(["body.definition.thresholds", "body.definition.rules.0.when.fact", "body.definition.rules.1.id", "body.definition.rules.1.when.value"]);
    const shape = await expectProblem(await req("PUT", "/risk/rules", { definition: { thresholds: { medium: "low" }, rules: "none" } }, officer), 400, "validation_failed");
    expect(issuePaths(shape)).toEqual(expect.arrayContaining(["body.definition.thresholds.medium", "body.definition.rules"]));
    await expectProblem(await req("PUT", "/risk/rules", { definition: DEFAULT_RULE_SET, note: "x".repeat(501) }, officer), 400, "validation_failed");
    expect((await ok<Rules>(await req("GET", "/risk/rules", undefined, reviewer))).active.version).toBe(before);
    // Reviewers read but do not write.
    await expectProblem(await req("PUT", "/risk/rules", { definition: DEFAULT_RULE_SET, note: "no" }, reviewer), 403, "forbidden");
  });

  it("tries a draft or the active rules against one application without storing anything", async () => {
    const agent = await apiKeyHeaders(ctx, tenant, "agent");
    const app = await ok<{ id: string }>(await req("POST", "/applications", { product: "credit_card", customer: { name: "Young Applicant", phone: "+972501112233", dateOfBirth: "2006-01-15" } }, agent), 201);
    const row = await ctx.deps.db.selectFrom("applications").selectAll().where("id", "=", app.id).executeTakeFirstOrThrow();
    const active = await ok<Json>(await req("POST", "/risk/rules/test", { applicationId: app.id }, reviewer));
    const age = new Date(ctx.clock.now()).getUTCFullYear() - 2006;
    expect(active).toMatchObject({ rulesVersion: 2, facts: { product: "credit_card", channel: "api", "checks.pep.outcome": "none", "identity.mismatches": 0 } });
    expect((active.facts as Json)["applicant.age"]).toBeGreaterThanOrEqual(age - 1);
    // Under 21 for credit (20) + non-face-to-face (5) = 25: medium under version 2's thresholds.
    expect(active).toMatchObject({ score: 25, level: "medium", eddRequired: false, matched: [expect.objectContaining({ rule: "young_credit_applicant" }), expect.objectContaining({ rule: "non_face_to_face" })] });

    const draft = { thresholds: { medium: 10, high: 20 }, rules: [{ id: "api_channel", label: { en: "Started over the API" }, points: 20, when: { fact: "channel", op: "equals", value: "api" } }] };
    expect(await ok<Json>(await req("POST", "/risk/rules/test", { applicationId: app.id, definition: draft }, officer))).toMatchObject({ rulesVersion: null, score: 20, level: "high", eddRequired: true, matched: [{ rule: "api_channel", label: "Started over the API", points: 20 }] });
    const after = await ctx.deps.db.selectFrom("applications").selectAll().where("id", "=", app.id).executeTakeFirstOrThrow();
    expect(after).toEqual(row);

    await expectProblem(await req("POST", "/risk/rules/test", { applicationId: app.id, definition: { ...draft, thresholds: { medium: 20, high: 10 } } }, officer), 422, "rules_invalid");
    await expectProblem(await req("POST", "/risk/rules/test", { applicationId: "00000000-0000-4000-8000-000000000000" }, officer), 404, "not_found");
    await expectProblem(await req("POST", "/risk/rules/test", { applicationId: "nope" }, officer), 400, "validation_failed");
  });
});

describe("facts from the checks", () => {
  it("reads the latest check of each kind: screening bands (cleared hits left out), cross-check mismatches, an expired document", async () => {
    const agent = await apiKeyHeaders(ctx, tenant, "agent");
    const app = await ok<{ id: string }>(await req("POST", "/applications", { product: "checking", customer: { name: "Checked Person", phone: "+972501112244" } }, agent), 201);
    const check = (kind: string, outcome: string, details: Json, minutes: number, listVersion: string | null = null) =>
      ctx.deps.db
        .insertInto("application_checks")
        .values({ tenant_id: tenant.id, id: newId(), application_id: app.id, kind, outcome: outcome as "pass", summary: kind, details: JSON.stringify(details), list_version: listVersion, created_at: new Date(ctx.clock.now().getTime() + minutes * 60_000) })
        .execute();
    const facts = async () => (await ok<{ facts: Json }>(await req("POST", "/risk/rules/test", { applicationId: app.id }, reviewer))).facts;
    expect(await facts()).toMatchObject({ "checks.sanctions.outcome": "none", "checks.sanctions.band": "none", "identity.mismatches": 0, "identity.document_expired": false });

    // No list loaded: the outcome is review, the band unknown.
    await check("sanctions", "review", { matches: [] }, 1);
    expect(await facts()).toMatchObject({ "checks.sanctions.outcome": "review", "checks.sanctions.band": "none" });
    // A newer screening: a cleared block-band hit does not count, the live edd-band hit does.
    const hit = (band: string, handling: string) => ({ list: "un", entryId: `e-${band}`, band, handling, score: 0.9 });
    await check("sanctions", "review", { matches: [hit("block", "cleared"), hit("edd", "edd")], trueMatch: false }, 2, "un:3");
    expect(await facts()).toMatchObject({ "checks.sanctions.band": "edd" });
    await check("sanctions", "fail", { matches: [], trueMatch: true }, 3, "un:3");
    expect(await facts()).toMatchObject({ "checks.sanctions.outcome": "fail", "checks.sanctions.band": "block" });

    await check("identity_document", "review", { mrz: { fields: { expiryDate: "2020-01-31" } } }, 4);
    await check("identity_crosscheck", "review", { reasons: [{ code: "name_mismatch" }, { code: "birth_date_mismatch" }, { code: "under_age" }] }, 5);
    expect(await facts()).toMatchObject({ "checks.identity_document.outcome": "review", "identity.mismatches": 2, "identity.document_expired": true });
  });
});

describe("compliance settings", () => {
  it("defaults, validated replacement (bands order, years, none longer than applications) and audit", async () => {
    const defaults = await ok<Json>(await req("GET", "/compliance/settings", undefined, officer));
    expect(defaults).toEqual({ bands: { block: 0.95, review: 0.85, edd: 0.7 }, retention: { applications: 5, checks: 5, screening: 5, reviews: 5, documents: 5 }, updatedAt: null, updatedBy: null });

    const body = { bands: { block: 0.97, review: 0.88, edd: 0.75 }, retention: { applications: 10, checks: 10, screening: 7, reviews: 8, documents: 3 } };
    const saved = await ok<Json>(await req("PUT", "/compliance/settings", body, admin));
    expect(saved).toMatchObject({ ...body, updatedAt: ctx.clock.now().toISOString() });

    const order = await expectProblem(await req("PUT", "/compliance/settings", { ...body, bands: { block: 0.8, review: 0.85, edd: 0.7 } }, officer), 400, "validation_failed");
    expect(issuePaths(order)).toEqual(["body.bands"]);
    const range = await expectProblem(await req("PUT", "/compliance/settings", { ...body, bands: { block: 1.5, review: 0.85, edd: 0 } }, officer), 400, "validation_failed");
    expect(issuePaths(range)).toEqual(["body.bands.block", "body.bands.edd"]);
    const years = await expectProblem(await req("PUT", "/compliance/settings", { ...body, retention: { ...body.retention, checks: 0, documents: 51 } }, officer), 400, "validation_failed");
    expect(issuePaths(years)).toEqual(["body.retention.checks", "body.retention.documents"]);
    const longer = await expectProblem(await req("PUT", "/compliance/settings", { ...body, retention: { ...body.retention, applications: 6 } }, officer), 400, "validation_failed");
    expect(issuePaths(longer)).toEqual(["body.retention.checks", "body.retention.screening", "body.retention.reviews"]);
    await expectProblem(await req("PUT", "/compliance/settings", { bands: body.bands }, officer), 400, "validation_failed");
    await expectProblem(await req("PUT", "/compliance/settings", body, reviewer), 403, "forbidden");
    await expectProblem(await req("GET", "/compliance/settings", undefined, reviewer), 403, "forbidden");

    // Nothing of the refused attempts was stored; the matcher's bands come from here.
    expect(await ok<Json>(await req("GET", "/compliance/settings", undefined, officer))).toMatchObject(body);
    const { loadBands } = await import("../screening/bands");
    expect(await loadBands(ctx.deps.db, tenant.id)).toEqual(body.bands);
    const audit = await ctx.deps.db.selectFrom("audit_log").select("data").where("tenant_id", "=", tenant.id).where("action", "=", "compliance.settings_changed").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).toMatchObject({ after: body, before: { bands: defaults.bands } });
  });
});
