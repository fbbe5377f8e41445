import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths, send } from "../../../tests/support/routes";
import { appRow, CHECKING_ANSWERS, customerHeaders, makeApplication, timelineOf } from "./review.testkit";

const ctx = await createTestContext();
const API = "/api/v1";
let tenant: TestTenant;

const GOOD = "4242 4242 4242 4242";
const DECLINED = "4000000000000002";
const NO_FUNDS = "4000000000009995";
const card = (number: string, more: Partial<Record<"expiry" | "cvc" | "name", string>> = {}) => ({ number, expiry: "12/39", cvc: "123", name: "Dana Levi", ...more });
const pay = (h: Record<string, string>, body: unknown) => ctx.app.request(`${API}/public/applications/me/payments`, send("POST", body, h));

beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

describe("payment step", () => {
  it("charges the answered amount once; a second call returns the same payment", async () => {
    const app = await makeApplication(ctx, tenant);
    const h = await customerHeaders(ctx, app);
    const res = await pay(h, { step: "deposit", card: card(GOOD) });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const p = JSON.parse(text) as Record<string, unknown>;
    expect(p).toMatchObject({ step: "deposit", purpose: "deposit", amount: "250.00", currency: "USD", status: "approved", cardBrand: "visa", cardLast4: "4242", declineCode: null });
    expect(p.transactionId).toMatch(/^test_/);
    const again = (await (await pay(h, { step: "deposit", card: card("5555555555554444") })).json()) as Record<string, unknown>;
    expect(again.id).toBe(p.id);
    expect(again.transactionId).toBe(p.transactionId);
    expect((await appRow(ctx, app)).payment_status).toBe("approved");
    const events = (await timelineOf(ctx, app)).filter((e) => e.type.startsWith("payment_"));
    expect(events.map((e) => [e.type, e.data])).toEqual([["payment_approved", expect.objectContaining({ amount: "250.00", brand: "visa", last4: "4242" })]]);
  });

  it("declines with a translated reason, records it, and lets the customer retry with another card", async () => {
    const app = await makeApplication(ctx, tenant, { language: "he" });
    const h = await customerHeaders(ctx, app);
    const p = await expectProblem(await pay(h, { step: "deposit", card: card(DECLINED) }), 402, "payment_declined");
    expect(p.errors?.[0]).toMatchObject({ path: "card.number", code: "card_declined", message: "הכרטיס נדחה. נסו כרטיס אחר או פנו לחברת האשראי." });
    const funds = await expectProblem(await pay(h, { step: "deposit", card: card(NO_FUNDS) }), 402, "payment_declined");
    expect(funds.errors?.[0]?.code).toBe("insufficient_funds");
    const ok = await pay(h, { step: "deposit", card: card(GOOD) });
    expect(ok.status).toBe(200);
    const rows = await ctx.deps.db.selectFrom("application_payments").select(["status", "decline_code", "card_last4"]).where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).orderBy("created_at").orderBy("id").execute();
    expect(rows).toEqual([
      { status: "declined", decline_code: "card_declined", card_last4: "0002" },
      { status: "declined", decline_code: "insufficient_funds", card_last4: "9995" },
      { status: "approved", decline_code: null, card_last4: "4242" },
    ]);
    expect((await timelineOf(ctx, app)).filter((e) => e.type === "payment_declined")).toHaveLength(2);
  });

  it("validates the card before charging, naming fields but never echoing them", async () => {
    const app = await makeApplication(ctx, tenant);
    const h = await customerHeaders(ctx, app);
    const res = await pay(h, { step: "deposit", card: { number: "4242424242424241", expiry: "01/20", cvc: "12", name: " " } });
    const text = await res.clone().text();
    const p = await expectProblem(res, 400, "validation_failed");
    expect(issuePaths(p).sort()).toEqual(["body.card.cvc", "body.card.expiry", "body.card.name", "body.card.number"]);
    expect(p.errors?.find((e) => e.path === "body.card.number")?.code).toBe("invalid_card");
    expect(p.errors?.find((e) => e.path === "body.card.expiry")?.code).toBe("expired_card");
    expect(text).not.toContain("4242424242424241");
    const month = await expectProblem(await pay(h, { step: "deposit", card: card(GOOD, { expiry: "13/30" }) }), 400, "validation_failed");
    expect(month.errors?.[0]).toMatchObject({ path: "body.card.expiry", code: "invalid_expiry" });
    await expectProblem(await pay(h, { step: "deposit", card: { ...card(GOOD), extra: 1 } }), 400, "unknown_field");
    expect(await ctx.deps.db.selectFrom("application_payments").select("id").where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).execute()).toEqual([]);
  });

  it("refuses hidden or non-payment steps, missing amounts and closed applications", async () => {
    const noDeposit = await makeApplication(ctx, tenant, { answers: { ...CHECKING_ANSWERS, wantsDeposit: false } });
    const h = await customerHeaders(ctx, noDeposit);
    const hidden = await expectProblem(await pay(h, { step: "deposit", card: card(GOOD) }), 400, "validation_failed");
    expect(hidden.errors?.[0]).toMatchObject({ path: "body.step", code: "not_visible" });
    await expectProblem(await pay(h, { step: "about", card: card(GOOD) }), 400, "validation_failed");
    const noAmount = await makeApplication(ctx, tenant, { answers: { ...CHECKING_ANSWERS, depositAmount: null } });
    const missing = await expectProblem(await pay(await customerHeaders(ctx, noAmount), { step: "deposit", card: card(GOOD) }), 400, "validation_failed");
    expect(missing.errors?.[0]?.code).toBe("amount_missing");
    const low = await makeApplication(ctx, tenant, { answers: { ...CHECKING_ANSWERS, depositAmount: "5.00" } });
    const below = await expectProblem(await pay(await customerHeaders(ctx, low), { step: "deposit", card: card(GOOD) }), 400, "validation_failed");
    expect(below.errors?.[0]?.code).toBe("below_minimum");
    const done = await makeApplication(ctx, tenant, { status: "submitted" });
    await expectProblem(await pay(await customerHeaders(ctx, done), { step: "deposit", card: card(GOOD) }), 409, "wrong_state");
  });

  it("never lets a card number reach the database", async () => {
    const app = await makeApplication(ctx, tenant);
    const h = await customerHeaders(ctx, app);
    await pay(h, { step: "deposit", card: card(DECLINED, { cvc: "987" }) });
    await pay(h, { step: "deposit", card: card("4111-1111-1111-1111", { cvc: "987" }) });
    for (const [table, where] of [
      ["application_payments", "application_id"],
      ["application_timeline", "application_id"],
      ["events", "subject_id"],
      ["messages", null],
      ["applications", "id"],
    ] as const) {
      const rows = await sql<{ t: string }>`select t::text as t from ${sql.table(table)} t where t.tenant_id = ${tenant.id} ${where ? sql`and ${sql.ref(`t.${where}`)} = ${app.id}` : sql``}`.execute(ctx.deps.db);
      if (table !== "messages" && table !== "events") expect(rows.rows.length, table).toBeGreaterThan(0);
      for (const r of rows.rows) {
        for (const n of ["4000000000000002", "4111111111111111", "4111-1111-1111-1111"]) expect(r.t, table).not.toContain(n);
        expect(r.t).not.toMatch(/"cvc"|\b987\b/);
      }
    }
  });
});
