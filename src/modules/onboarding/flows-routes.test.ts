import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem, issuePaths, send } from "../../../tests/support/routes";
import { FLOW_TEMPLATES } from "./flow/templates";
import { PRODUCTS } from "./flow/types";

const ctx = await createTestContext();
let tenant: TestTenant;
let admin: Record<string, string>;
type Json = Record<string, unknown>;
type Item = { id: string; title: Record<string, string>; minutes: number; publishedVersion: number | null; active: boolean; versions: { version: number }[] };
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const req = (method: string, path: string, body?: unknown, headers = admin) =>
  ctx.app.request(`${API}${path}`, body === undefined ? { method, headers } : send(method, body, headers));
const ok = async (res: Response, status = 200) => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as Json;
};

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
});

describe("flows API", () => {
  it("lists the six products, each published as version 1 with its minutes", async () => {
    const items = (await ok(await req("GET", "/products"))).items as Item[];
    expect(items.map((i) => i.id)).toEqual([...PRODUCTS]);
    for (const i of items) {
      expect(i.publishedVersion).toBe(1);
      expect(i.versions.map((v) => v.version)).toEqual([1]);
      expect(i.minutes).toBe(FLOW_TEMPLATES[i.id as keyof typeof FLOW_TEMPLATES].steps.reduce((n, s) => n + s.minutes, 0));
      expect(Object.keys(i.title).sort()).toEqual(["ar", "en", "he", "zh-Hans", "zh-Hant"]);
    }
  });

  it("edits the draft without touching version 1, publishes version 2, and refuses to publish nothing", async () => {
    const flow = await ok(await req("GET", "/flows/savings"));
    expect(flow).toMatchObject({ product: "savings", draftChanged: false, publishedVersion: 1, problems: [] });
    const edited = clone(FLOW_TEMPLATES.savings);
    edited.steps[0] = { ...edited.steps[0], minutes: 4 } as (typeof edited.steps)[number];
    const saved = await ok(await req("PUT", "/flows/savings/draft", { definition: edited }));
    expect(saved).toMatchObject({ draftChanged: true, publishedVersion: 1 });
    expect(((saved.draft as Json).steps as { minutes: number }[])[0]?.minutes).toBe(4);
    const v1 = await ok(await req("GET", "/flows/savings/versions/1"));
    expect(((v1.definition as Json).steps as { minutes: number }[])[0]?.minutes).toBe(3);

    const published = await ok(await req("POST", "/flows/savings/publish"));
    expect(published).toMatchObject({ product: "savings", version: 2 });
    await expectProblem(await req("POST", "/flows/savings/publish"), 409, "conflict");
    const v2 = await ok(await req("GET", "/flows/savings/versions/2"));
    expect(((v2.definition as Json).steps as { minutes: number }[])[0]?.minutes).toBe(4);
    expect(await ok(await req("GET", "/flows/savings/versions/1"))).toEqual(v1);
    const items = (await ok(await req("GET", "/products"))).items as Item[];
    const savings = items.find((i) => i.id === "savings");
    expect(savings).toMatchObject({ publishedVersion: 2, minutes: 8 });
    expect(savings?.versions.map((v) => v.version)).toEqual([2, 1]);
    await expectProblem(await req("GET", "/flows/savings/versions/3"), 404, "not_found");
    await expectProblem(await req("GET", "/flows/savings/versions/x"), 404, "not_found");

    // Saving the published definition again is no change; discarding brings back the published one.
    expect((await ok(await req("PUT", "/flows/savings/draft", { definition: v2.definition }))).draftChanged).toBe(false);
    await ok(await req("PUT", "/flows/savings/draft", { definition: FLOW_TEMPLATES.savings }));
    const discarded = await ok(await req("POST", "/flows/savings/discard"));
    expect(discarded.draftChanged).toBe(false);
    expect(discarded.draft).toEqual(v2.definition);
    const audit = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", tenant.id).where("subject_id", "=", "savings").execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["flow.draft_discarded", "flow.published"]);
  });

  it("publishes once when two editors publish the same draft at the same time", async () => {
    const edited = clone(FLOW_TEMPLATES.personal_loan);
    edited.slaHours = 36;
    await ok(await req("PUT", "/flows/personal_loan/draft", { definition: edited }));
    const results = await Promise.all([req("POST", "/flows/personal_loan/publish"), req("POST", "/flows/personal_loan/publish")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await ctx.deps.db.selectFrom("flow_versions").select("version").where("tenant_id", "=", tenant.id).where("product", "=", "personal_loan").execute();
    expect(rows.map((r) => r.version).sort()).toEqual([1, 2]);
  });

  it("keeps a broken draft with its problems but refuses to publish it (422 naming the paths)", async () => {
    const broken = clone(FLOW_TEMPLATES.credit_card);
    const income = broken.steps[1];
    if (!income) throw new Error("template changed");
    income.showIf = { field: "cardType", op: "equals", value: "classic" };
    broken.steps.pop();
    const saved = await ok(await req("PUT", "/flows/credit_card/draft", { definition: broken }));
    const problems = saved.problems as { path: string; code: string; severity: string }[];
    expect(problems.filter((p) => p.severity === "error").map((p) => p.code).sort()).toEqual(["forward_reference", "review_count", "review_last"]);
    const p = await expectProblem(await req("POST", "/flows/credit_card/publish"), 422, "flow_invalid");
    expect(issuePaths(p)).toEqual(expect.arrayContaining(["steps.1.showIf.field", "steps"]));
    expect((await ok(await req("GET", "/flows/credit_card"))).publishedVersion).toBe(1);
    const wrongProduct = await ok(await req("PUT", "/flows/auto_loan/draft", { definition: FLOW_TEMPLATES.mortgage }));
    expect((wrongProduct.problems as { path: string; code: string }[]).map((x) => x.code)).toContain("product_mismatch");
  });

  it("refuses bad input with 400 naming the field", async () => {
    const bad = clone(FLOW_TEMPLATES.checking) as unknown as { steps: { fields: Json[] }[] };
    (bad.steps[2]?.fields[0] as Json).type = "signature";
    const p = await expectProblem(await req("PUT", "/flows/checking/draft", { definition: bad }), 400, "validation_failed");
    expect(issuePaths(p)).toEqual(["body.definition.steps.2.fields.0.type"]);
    const extra = { ...clone(FLOW_TEMPLATES.checking), colour: "red" };
    expect(issuePaths(await expectProblem(await req("PUT", "/flows/checking/draft", { definition: extra }), 400, "validation_failed"))).toEqual(["body.definition.colour"]);
    const url = clone(FLOW_TEMPLATES.checking) as unknown as { steps: Json[] };
    (url.steps[0] as Json).helpUrl = "javascript:alert(1)";
    expect(issuePaths(await expectProblem(await req("PUT", "/flows/checking/draft", { definition: url }), 400, "validation_failed"))).toEqual(["body.definition.steps.0.helpUrl"]);
    const wrapper = await expectProblem(await req("PUT", "/flows/checking/draft", { definition: FLOW_TEMPLATES.checking, isAdmin: true }), 400, "unknown_field");
    expect(issuePaths(wrapper)).toEqual(["body.isAdmin"]);
    expect(issuePaths(await expectProblem(await req("PATCH", "/flows/checking", { active: "yes" }), 400, "validation_failed"))).toEqual(["body.active"]);
    await expectProblem(await req("GET", "/flows/current_account"), 404, "not_found");
    expect((await ok(await req("GET", "/flows/checking"))).draftChanged).toBe(false);
  });

  it("lets cx_analyst write, agents read, and viewers nothing", async () => {
    const analyst = await apiKeyHeaders(ctx, tenant, "cx_analyst");
    const agent = await apiKeyHeaders(ctx, tenant, "agent");
    const viewer = await apiKeyHeaders(ctx, tenant, "viewer");
    expect((await ok(await req("PATCH", "/flows/mortgage", { name: "Home loan check" }, analyst))).name).toBe("Home loan check");
    expect((await ok(await req("GET", "/flows/mortgage", undefined, agent))).name).toBe("Home loan check");
    await expectProblem(await req("PUT", "/flows/mortgage/draft", { definition: FLOW_TEMPLATES.mortgage }, agent), 403, "forbidden");
    await expectProblem(await req("GET", "/products", undefined, viewer), 403, "forbidden");
    await expectProblem(await req("GET", "/flows/nope", undefined, viewer), 403, "forbidden");
  });

  it("lists a bank's active published products publicly; unknown banks are not found", async () => {
    const other = await makeTenant(ctx);
    const otherAdmin = await apiKeyHeaders(ctx, other, "admin");
    expect((await ok(await req("PATCH", "/flows/auto_loan", { active: false }, otherAdmin))).active).toBe(false);
    const res = await ok(await ctx.app.request(`${API}/public/banks/${other.slug}/products`));
    expect(res.bank).toEqual({ slug: other.slug, name: expect.any(String) });
    const items = res.items as Item[];
    expect(items.map((i) => i.id)).toEqual(PRODUCTS.filter((p) => p !== "auto_loan"));
    expect(items[0]).toEqual({ id: "checking", title: FLOW_TEMPLATES.checking.title, description: FLOW_TEMPLATES.checking.description, minutes: 9 });
    await expectProblem(await ctx.app.request(`${API}/public/banks/no-such-bank/products`), 404, "not_found");
    const audit = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", other.id).execute();
    expect(audit.map((a) => a.action)).toContain("flow.deactivated");
  });
});
