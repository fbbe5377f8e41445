import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../tests/support/factories";
import { MINUTE } from "../../kernel/clock";
import { kit } from "../onboarding/applications.testkit";
import { appRow, customerHeaders } from "../onboarding/review.testkit";
import { applicantOf } from "./applicant";
import { addVersion, applicantApp, checksOf, makeList, reviewsOf, synthName } from "./compliance.testkit";

const ctx = await createTestContext();
const { req, ok, addDocument } = kit(ctx);
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

const results = (appId: string) => ctx.deps.db.selectFrom("screening_results").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", appId).orderBy("screened_at").orderBy("id").execute();

describe("screening applicants as the flow goes on", () => {
  it("screens on a completed step: a hit opens a review, the customer's flow continues and shows nothing", async () => {
    const name = synthName();
    const list = await makeList(ctx, [{ name, birthDates: ["1971-03-05"], nationalities: ["IL"] }]);
    const app = await applicantApp(ctx, tenant, name);
    const auth = await customerHeaders(ctx, app);
    const done = await ok<{ next: string; completedSteps: string[] }>(await req("POST", "/public/applications/me/steps/about/complete", undefined, auth));
    expect(done.next).toBe("work");
    expect(JSON.stringify(done)).not.toMatch(/sanction|screen|review/i);

    const reviews = await reviewsOf(ctx, tenant.id, app.id);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ list_id: list.id, entry_id: list.entryIds[0], entry_name: name, band: "block", origin: "onboarding", status: "open" });
    const [result] = await results(app.id);
    expect(result).toMatchObject({ reason: "onboarding", provider: "local", actor: "customer", band: "block" });
    expect(result?.input_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(result?.list_version).toContain(`${list.id}:${list.version}`);
    const [check] = await checksOf(ctx, tenant.id, app.id);
    expect(check).toMatchObject({ outcome: "fail", provider: "local", actor: "customer", list_version: result?.list_version, input_digest: result?.input_digest });
    expect(check?.summary).toMatch(/1 possible sanctions match\(es\), best 1\.00 \(block\), 1 review\(s\) opened/);
    expect((check?.details as { reviewIds?: string[] } | undefined)?.reviewIds).toEqual([reviews[0]?.id]);
    const subject = await ctx.deps.db.selectFrom("screening_subjects").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).executeTakeFirstOrThrow();
    expect(subject).toMatchObject({ subject_key: `app:${app.id}`, name, birth_date: "1971-03-05", status: "blocked" });
  });

  it("screens again on a later step only when who the applicant is changed", async () => {
    const name = synthName();
    await makeList(ctx, [{ name: synthName() }]);
    const app = await applicantApp(ctx, tenant, name);
    const auth = await customerHeaders(ctx, app);
    await ok(await req("POST", "/public/applications/me/steps/about/complete", undefined, auth));
    ctx.clock.advance(MINUTE);
    await ok(await req("POST", "/public/applications/me/steps/work/complete", undefined, auth));
    expect(await results(app.id)).toHaveLength(1);
    const [clear] = await checksOf(ctx, tenant.id, app.id);
    expect(clear).toMatchObject({ outcome: "pass", summary: "no sanctions match" });

    ctx.clock.advance(MINUTE);
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { fullName: `${name} Junior` } }, auth));
    await ok(await req("POST", "/public/applications/me/steps/about/complete", undefined, auth));
    const after = await results(app.id);
    expect(after).toHaveLength(2);
    expect(after[1]?.input_digest).not.toBe(after[0]?.input_digest);
  });

  it("screens before submission against the lists active then, and submission goes through despite a hit", async () => {
    const name = synthName();
    const app = await applicantApp(ctx, tenant, name, { completedSteps: ["about", "work", "documents"] });
    await ctx.deps.db.updateTable("applications").set({ answers: JSON.stringify({ ...(app.answers as object), terms: true }) }).where("id", "=", app.id).execute();
    await addDocument(tenant.id, app.id, "idDocument");
    await addDocument(tenant.id, app.id, "proofOfAddress");
    const auth = await customerHeaders(ctx, app);
    await ok(await req("POST", "/public/applications/me/steps/review/complete", undefined, auth));
    const first = await results(app.id);
    expect(first).toHaveLength(1);
    // A list version published between the last step and submission: the applicant is on it.
    const list = await makeList(ctx, [{ name: synthName() }]);
    await addVersion(ctx, list, [{ name, birthDates: ["1971"] }]);
    ctx.clock.advance(MINUTE);
    // The hit is never the customer's problem: submission goes through, or (risk rules adding
    // enhanced-due-diligence steps for the hit) asks only for those steps, never naming screening.
    const res = await req("POST", "/public/applications/me/submit", undefined, auth);
    const body = await res.text();
    expect(body).not.toMatch(/sanction|screen|compliance/i);
    if (res.status !== 200) {
      expect(res.status).toBe(400);
      const paths = (JSON.parse(body) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
      expect(paths.length).toBeGreaterThan(0);
      for (const p of paths) expect(p).toMatch(/^steps\.edd_/);
    }
    const all = await results(app.id);
    expect(all).toHaveLength(2);
    expect(all[1]?.input_digest).toBe(first[0]?.input_digest);
    expect(all[1]?.list_version).not.toBe(first[0]?.list_version);
    const reviews = await reviewsOf(ctx, tenant.id, app.id);
    expect(reviews.map((r) => [r.list_id, r.origin])).toEqual([[list.id, "onboarding"]]);
    expect(["submitted", "in_progress"]).toContain((await appRow(ctx, app)).status);
  });

  it("records PEP hits as a pep check with its own review, the sanctions check stays clear", async () => {
    const name = synthName();
    const pep = await makeList(ctx, [{ name }], "pep");
    const app = await applicantApp(ctx, tenant, name);
    await ok(await req("POST", "/public/applications/me/steps/about/complete", undefined, await customerHeaders(ctx, app)));
    const [pepCheck] = await checksOf(ctx, tenant.id, app.id, "pep");
    expect(pepCheck?.outcome).toBe("fail");
    expect((await reviewsOf(ctx, tenant.id, app.id)).map((r) => r.list_id)).toEqual([pep.id]);
    const [sanctions] = await checksOf(ctx, tenant.id, app.id, "sanctions");
    expect(sanctions?.outcome).toBe("pass");
  });
});

describe("the applicant", () => {
  it("prefers the identity document's MRZ over typed answers", async () => {
    const app = await applicantApp(ctx, tenant, "Typed Person");
    expect(await applicantOf(ctx.deps.db, app)).toMatchObject({ name: "Typed Person", birthDate: "1971-03-05", country: "IL", source: "answers" });
    await ctx.deps.db
      .insertInto("application_checks")
      .values({
        tenant_id: tenant.id,
        id: crypto.randomUUID(),
        application_id: app.id,
        kind: "identity_document",
        outcome: "pass",
        summary: "passport read",
        details: JSON.stringify({ mrz: { fields: { surname: "ERIKSSON", givenNames: "ANNA MARIA", birthDate: "1974-08-12", nationality: "UTO" } } }),
        created_at: ctx.clock.now(),
      })
      .execute();
    expect(await applicantOf(ctx.deps.db, app)).toMatchObject({ name: "ANNA MARIA ERIKSSON", birthDate: "1974-08-12", nationality: null, source: "identity_document" });
    const gbr = { ...app, id: app.id };
    await ctx.deps.db.updateTable("application_checks").set({ details: JSON.stringify({ mrz: { fields: { surname: "SMITH", givenNames: "JO", birthDate: null, nationality: "GBR" } } }) }).where("application_id", "=", app.id).execute();
    expect(await applicantOf(ctx.deps.db, gbr)).toMatchObject({ name: "JO SMITH", birthDate: "1971-03-05", nationality: "GB" });
  });

  it("falls back to the application's customer name", async () => {
    const app = await applicantApp(ctx, tenant, "Start Name", { answers: {} });
    expect(await applicantOf(ctx.deps.db, app)).toMatchObject({ name: "Start Name", birthDate: null, source: "application" });
  });
});
