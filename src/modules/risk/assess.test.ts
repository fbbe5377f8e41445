import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths } from "../../../tests/support/routes";
import { type Json, kit } from "../onboarding/applications.testkit";
import { DEFAULT_RULE_SET } from "./default-rules";

/** The customer's path when the risk turns high: EDD steps appear, submission waits for them. */
const ctx = await createTestContext();
const { req, ok, lastMessage, linkTokenIn, openSession } = kit(ctx);
let tenant: TestTenant;
let admin: Record<string, string>;
let agent: Record<string, string>;

const t5 = (en: string) => ({ en, he: en, ar: en, "zh-Hans": en, "zh-Hant": en });
/** A short flow of our own (the shipped templates may grow identity steps): about you, work, review. */
const FLOW = {
  product: "checking",
  title: t5("Risk test account"),
  languages: ["en"],
  steps: [
    {
      id: "about",
      kind: "form",
      title: "About you",
      fields: [
        { id: "fullName", type: "text", required: true, prefill: "customer.name", label: "Full name" },
        { id: "dateOfBirth", type: "date", required: true, prefill: "customer.dateOfBirth", label: "Date of birth" },
        { id: "address", type: "address", required: true, prefill: "customer.address", label: "Home address" },
      ],
    },
    { id: "work", kind: "form", title: "Work", fields: [{ id: "monthlyIncome", type: "income", period: "month", required: true, label: "Monthly income" }] },
    { id: "review", kind: "review", title: "Check and submit", fields: [{ id: "terms", type: "checkbox", required: true, label: "I confirm" }] },
  ],
};

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  const agentUser = await makeUser(ctx, tenant, { role: "agent", branchId: tenant.branches[0]?.id });
  agent = (await signIn(ctx, tenant, agentUser.email)).headers;
  await ok(await req("PUT", "/flows/checking/draft", { definition: FLOW }, admin));
  await ok(await req("POST", "/flows/checking/publish", undefined, admin));
});

let n = 0;
async function start() {
  n += 1;
  const phone = `+97250123${String(4000 + n).padStart(4, "0")}`;
  const created = await ok<{ id: string }>(await req("POST", "/applications", { product: "checking", customer: { name: "Dana Levi", phone, email: `dana${n}@example.com`, dateOfBirth: "1985-03-02" } }, agent), 201);
  await ok(await req("POST", `/applications/${created.id}/link`, { via: "sms" }, agent), 202);
  const token = linkTokenIn((await lastMessage(tenant.id, phone)).body_text);
  const s = await openSession(tenant.id, token, phone);
  return { id: created.id, auth: s.auth };
}

const row = (id: string) => ctx.deps.db.selectFrom("applications").selectAll().where("tenant_id", "=", tenant.id).where("id", "=", id).executeTakeFirstOrThrow();
const timeline = async (id: string) =>
  (await ctx.deps.db.selectFrom("application_timeline").select(["type", "data"]).where("tenant_id", "=", tenant.id).where("application_id", "=", id).where("type", "=", "risk_assessed").orderBy("at").execute()).map((r) => r.data as Json);

describe("risk assessment on step completion and enhanced due diligence", () => {
  it("a high-risk country of residence sets the risk, adds the EDD steps, and submission waits for them", async () => {
    const { id, auth } = await start();
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { address: { line1: "1 Ferdowsi Ave", city: "Tehran", postcode: "11369", country: "IR" } } }, auth));
    const about = await ok<Json>(await req("POST", "/public/applications/me/steps/about/complete", undefined, auth));
    expect(about).toMatchObject({ next: "work", progress: { total: 5 } });

    const app = await row(id);
    expect(app).toMatchObject({ risk: "high", risk_score: 60, risk_rules_version: 1, edd_required: true });
    expect(app.risk_reasons).toEqual([{ rule: "high_risk_residence", label: "Lives in a high-risk country", points: 60 }]);
    expect(app.risk_assessed_at?.getTime()).toBe(ctx.clock.now().getTime());
    expect(await timeline(id)).toEqual([expect.objectContaining({ level: "high", previous: null, score: 60, eddRequired: true, eddAdded: true, reasons: ["high_risk_residence"] })]);

    // The customer sees the EDD steps, in their place before the review step.
    const me = await ok<{ definition: { steps: Array<{ id: string }> } }>(await req("GET", "/public/applications/me", undefined, auth));
    expect(me.definition.steps.map((s) => s.id)).toEqual(["about", "work", "edd_source_of_funds", "edd_purpose", "review"]);
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { monthlyIncome: "9000" } }, auth));
    expect(await ok<Json>(await req("POST", "/public/applications/me/steps/work/complete", undefined, auth))).toMatchObject({ next: "edd_source_of_funds" });

    // Reviewers' queue counts them too.
    const list = await ok<{ items: Array<{ id: string; progress: Json }> }>(await req("GET", "/applications?limit=50", undefined, admin));
    expect(list.items.find((i) => i.id === id)?.progress).toEqual({ index: 2, total: 5 });

    const early = await expectProblem(await req("POST", "/public/applications/me/submit", undefined, auth), 400, "validation_failed");
    expect(issuePaths(early)).toEqual(["steps.edd_source_of_funds", "steps.edd_purpose", "steps.review"]);

    // "Other" asks for details; the money field is required.
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { edd_source_of_funds: "other" } }, auth));
    const missing = await expectProblem(await req("POST", "/public/applications/me/steps/edd_source_of_funds/complete", undefined, auth), 400, "validation_failed");
    expect(issuePaths(missing).sort()).toEqual(["answers.edd_monthly_deposits", "answers.edd_source_details"]);
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { edd_source_details: "Sale of a family business", edd_monthly_deposits: "4000" } }, auth));
    expect(await ok<Json>(await req("POST", "/public/applications/me/steps/edd_source_of_funds/complete", undefined, auth))).toMatchObject({ next: "edd_purpose" });
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { edd_account_purpose: "transfers_abroad", edd_transfer_countries: "Germany, Turkey" } }, auth));
    expect(await ok<Json>(await req("POST", "/public/applications/me/steps/edd_purpose/complete", undefined, auth))).toMatchObject({ next: "review" });
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { terms: true } }, auth));
    await ok(await req("POST", "/public/applications/me/steps/review/complete", undefined, auth));
    expect(await ok<Json>(await req("POST", "/public/applications/me/submit", undefined, auth))).toMatchObject({ status: "submitted" });

    // Staff see the assessment and the EDD answers.
    const detail = await ok<{ riskAssessment: Json; risk: string }>(await req("GET", `/applications/${id}`, undefined, admin));
    expect(detail.risk).toBe("high");
    expect(detail.riskAssessment).toMatchObject({ score: 60, rulesVersion: 1, eddRequired: true });
  });

  it("EDD stays once required; a new rule set applies before submission and can add EDD then", async () => {
    const { id, auth } = await start();
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { address: { line1: "1 Herzl St", city: "Tel Aviv", postcode: "6100000", country: "IL" } } }, auth));
    await ok(await req("POST", "/public/applications/me/steps/about/complete", undefined, auth));
    expect(await row(id)).toMatchObject({ risk: "low", risk_score: 0, edd_required: false });
    expect(await timeline(id)).toEqual([expect.objectContaining({ level: "low", previous: null, eddRequired: false })]);
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { monthlyIncome: "52000", terms: true } }, auth));
    expect(await ok<Json>(await req("POST", "/public/applications/me/steps/work/complete", undefined, auth))).toMatchObject({ next: "review" });
    await ok(await req("POST", "/public/applications/me/steps/review/complete", undefined, auth));

    // The bank adds a rule on high incomes; the assessment before submission uses it and asks for EDD.
    const rules = { ...DEFAULT_RULE_SET, rules: [...DEFAULT_RULE_SET.rules, { id: "high_income", label: { en: "High declared income" }, points: 70, when: { fact: "answers.monthlyIncome", op: "gte", value: 50000 } }] };
    const saved = await ok<{ version: number }>(await req("PUT", "/risk/rules", { definition: rules, note: "High incomes" }, admin));
    const refused = await expectProblem(await req("POST", "/public/applications/me/submit", undefined, auth), 400, "validation_failed");
    expect(issuePaths(refused)).toEqual(["steps.edd_source_of_funds", "steps.edd_purpose"]);
    const app = await row(id);
    expect(app).toMatchObject({ risk: "high", risk_score: 70, risk_rules_version: saved.version, edd_required: true, status: "in_progress" });

    // The income goes down: the level follows, EDD does not go away.
    await ok(await req("PATCH", "/public/applications/me/answers", { answers: { monthlyIncome: "4000" } }, auth));
    await ok(await req("POST", "/public/applications/me/steps/work/complete", undefined, auth));
    expect(await row(id)).toMatchObject({ risk: "low", risk_score: 0, edd_required: true });
    expect((await timeline(id)).map((e) => e.level)).toEqual(["low", "high", "low"]);
    const me = await ok<{ definition: { steps: Array<{ id: string }> } }>(await req("GET", "/public/applications/me", undefined, auth));
    expect(me.definition.steps.map((s) => s.id)).toContain("edd_purpose");
  });
});
