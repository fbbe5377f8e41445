import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { apiKeyHeaders, json, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { unsubscribeToken } from "./contacts";
import { parseCsv } from "./contacts-import";

const API = "/api/v1";
let ctx: TestContext;
let tenant: TestTenant;
let admin: Record<string, string>;
let analyst: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  analyst = await apiKeyHeaders(ctx, tenant, "cx_analyst");
});

const post = (path: string, body: unknown, headers = admin) => ctx.app.request(`${API}${path}`, { method: "POST", ...json(body, headers) });
const patch = (path: string, body: unknown, headers = admin) => ctx.app.request(`${API}${path}`, { method: "PATCH", ...json(body, headers) });
const get = (path: string, headers = admin) => ctx.app.request(`${API}${path}`, { headers });

describe("contacts", () => {
  it("creates, reads, changes and deletes a contact, normalising email and phone", async () => {
    const res = await post("/contacts", { email: " Dana@Example.COM ", phone: "+972 (50) 123-4567", name: "Dana", locale: "he", customerId: "C-1", lists: ["vip", "vip", "branch-12"], attributes: { branch: "TLV1" } }, analyst);
    expect(res.status, await res.clone().text()).toBe(201);
    const c = (await res.json()) as { id: string; email: string; phone: string; lists: string[]; attributes: Record<string, string>; unsubscribedAt: null };
    expect(c).toMatchObject({ email: "dana@example.com", phone: "+972501234567", lists: ["vip", "branch-12"], attributes: { branch: "TLV1" }, unsubscribedAt: null });
    expect(((await (await get(`/contacts/${c.id}`)).json()) as { name: string }).name).toBe("Dana");
    const changed = await patch(`/contacts/${c.id}`, { name: "Dana Levi", lists: ["vip"] });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ name: "Dana Levi", lists: ["vip"], email: "dana@example.com" });
    expect((await ctx.app.request(`${API}/contacts/${c.id}`, { method: "DELETE", headers: admin })).status).toBe(204);
    expect((await get(`/contacts/${c.id}`)).status).toBe(404);
  });

  it("names the bad field and refuses duplicates, contacts without any identifier, and unknown fields", async () => {
    const bad = await post("/contacts", { phone: "050-123" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string; code: string }[] }).errors).toEqual([expect.objectContaining({ path: "body.phone", code: "invalid_phone" })]);
    const none = await post("/contacts", { name: "Nobody" });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("body.email");
    expect((await post("/contacts", { email: "twice@example.com" })).status).toBe(201);
    const dup = await post("/contacts", { email: "TWICE@example.com" });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { errors: { path: string; code: string }[] }).errors[0]).toMatchObject({ path: "body.email", code: "taken" });
    expect((await post("/contacts", { email: "x@example.com", favourite: "blue" })).status).toBe(400);
  });

  it("lists with search, list filter and cursor pages", async () => {
    const t = await makeTenant(ctx);
    const key = await apiKeyHeaders(ctx, t, "admin");
    for (let i = 0; i < 5; i++) expect((await post("/contacts", { email: `p${i}@example.com`, name: `Person ${i}`, lists: i % 2 ? ["odd"] : ["even"] }, key)).status).toBe(201);
    const odd = (await (await get("/contacts?list=odd", key)).json()) as { items: { email: string }[] };
    expect(odd.items.map((c) => c.email).sort()).toEqual(["p1@example.com", "p3@example.com"]);
    const search = (await (await get("/contacts?q=person%203", key)).json()) as { items: { email: string }[] };
    expect(search.items.map((c) => c.email)).toEqual(["p3@example.com"]);
    const first = (await (await get("/contacts?limit=3", key)).json()) as { items: unknown[]; nextCursor: string };
    const second = (await (await get(`/contacts?limit=3&cursor=${first.nextCursor}`, key)).json()) as { items: unknown[]; nextCursor: null };
    expect([first.items.length, second.items.length, second.nextCursor]).toEqual([3, 2, null]);
  });

  it("imports CSV: good rows kept, each bad row reported with its line and column, existing contacts updated", async () => {
    const t = await makeTenant(ctx);
    const key = await apiKeyHeaders(ctx, t, "cx_analyst");
    expect((await post("/contacts", { email: "known@example.com", lists: ["old"] }, key)).status).toBe(201);
    const csv = [
      "email,phone,name,locale,customer_id,lists",
      "a@example.com,,Avi,he-IL,C-100,vip;north",
      "not-an-email,,Bad,,,",
      '"b@example.com",+972501112233,"Levi, Bina",ar,,',
      ",0501,No phone,,,",
      "known@example.com,,Known,,,new",
      ",,,,,",
      ",,Nobody,,,",
      "a@example.com,,Again,,,",
    ].join("\r\n");
    const res = await post("/contacts/import", { csv, lists: ["import-1"] }, key);
    expect(res.status, await res.clone().text()).toBe(200);
    const r = (await res.json()) as { created: number; updated: number; errors: { row: number; column: string | null }[] };
    expect(r.created).toBe(2);
    expect(r.updated).toBe(1);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "email"],
      [5, "phone"],
      [8, null],
      [9, null],
    ]);
    const list = (await (await get("/contacts?list=import-1", key)).json()) as { items: { email: string; name: string; locale: string; lists: string[]; customerId: string | null }[] };
    const byEmail = Object.fromEntries(list.items.map((c) => [c.email, c]));
    expect(byEmail["a@example.com"]).toMatchObject({ name: "Avi", locale: "he", customerId: "C-100", lists: ["import-1", "vip", "north"] });
    expect(byEmail["b@example.com"]).toMatchObject({ name: "Levi, Bina", locale: "ar" });
    expect(byEmail["known@example.com"]?.lists.sort()).toEqual(["import-1", "new", "old"]);
    const header = await post("/contacts/import", { csv: "mail,name\nx@example.com,X" }, key);
    expect(header.status).toBe(400);
    expect(((await header.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("body.csv");
  });

  it("parses quoted CSV fields with commas, quotes and line breaks", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n\n1,2')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"\nthere'],
      [""],
      ["1", "2"],
    ]);
  });

  it("unsubscribes through the signed link: the page asks on GET and acts only on POST; a forged token is refused", async () => {
    const res = await post("/contacts", { email: "leave@example.com", locale: "ar" });
    const c = (await res.json()) as { id: string };
    const token = unsubscribeToken(ctx.config.secretKey, tenant.id, c.id);
    const page = await ctx.app.request(`/u/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<form method="post">');
    expect(((await (await get(`/contacts/${c.id}`)).json()) as { unsubscribedAt: string | null }).unsubscribedAt).toBeNull();
    const done = await ctx.app.request(`/u/${token}`, { method: "POST" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(tenant.name);
    expect(((await (await get(`/contacts/${c.id}`)).json()) as { unsubscribedAt: string | null }).unsubscribedAt).not.toBeNull();
    const audit = await ctx.deps.db.selectFrom("audit_log").select(["action", "actor_label"]).where("tenant_id", "=", tenant.id).where("subject_id", "=", c.id).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["contact.created", "contact.unsubscribed"]);
    // The JSON route does the same, idempotently; a token for another contact id is not valid.
    expect((await ctx.app.request(`${API}/public/unsubscribe/${token}`, { method: "POST" })).status).toBe(200);
    const forged = `${token.split(".")[0]}.${"0".repeat(32)}`;
    expect((await ctx.app.request(`${API}/public/unsubscribe/${forged}`, { method: "POST" })).status).toBe(404);
    expect((await ctx.app.request(`/u/${forged}`)).status).toBe(404);
  });

  it("feedback settings: admins change them, analysts read them; origins must be https", async () => {
    const t = await makeTenant(ctx);
    const a = await apiKeyHeaders(ctx, t, "admin");
    const an = await apiKeyHeaders(ctx, t, "cx_analyst");
    expect(await (await get("/feedback/settings", an)).json()).toEqual({ frequencyDays: 30, embedOrigins: [] });
    const put = (body: unknown, h: Record<string, string>) => ctx.app.request(`${API}/feedback/settings`, { method: "PUT", ...json(body, h) });
    expect((await put({ frequencyDays: 7 }, an)).status).toBe(403);
    const bad = await put({ embedOrigins: ["http://bank.example"] }, a);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("body.embedOrigins.0");
    expect(await (await put({ frequencyDays: 7, embedOrigins: ["https://www.Bank.example"] }, a)).json()).toEqual({ frequencyDays: 7, embedOrigins: ["https://www.bank.example"] });
    expect(await (await get("/feedback/settings", an)).json()).toEqual({ frequencyDays: 7, embedOrigins: ["https://www.bank.example"] });
  });
});
