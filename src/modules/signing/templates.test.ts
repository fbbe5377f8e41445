import { createHash } from "node:crypto";
import { PDFDocument, PDFHexString } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { API, expectProblem } from "../../../tests/support/routes";
import { makePdf } from "./signing.testkit";

const ctx = await createTestContext({ env: { ONBOARDING_UPLOAD_MAX_BYTES: String(256 * 1024) } });
let tenant: TestTenant;
let admin: Record<string, string>;
let pdf: Uint8Array;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  pdf = await makePdf(3, "Overdraft terms");
}, 30_000);

const upload = (body: Uint8Array | string, query = "name=Overdraft%20terms&language=en&product=checking", headers = admin) =>
  ctx.app.request(`${API}/signing/templates?${query}`, { method: "POST", body: typeof body === "string" ? body : Buffer.from(body), headers: { "content-type": "application/pdf", ...headers } });
const put = (key: string, body: unknown, headers = admin) => ctx.app.request(`${API}/signing/templates/${key}`, { method: "PUT", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
const get = (path: string, headers = admin) => ctx.app.request(`${API}${path}`, { headers });
const json = async <T = Record<string, unknown>>(res: Response, status = 200): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
};
const field = (over: Record<string, unknown> = {}) => ({ id: "sig", kind: "signature", role: "applicant", page: 0, x: 60, y: 60, width: 180, height: 40, required: true, ...over });

async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const enc = doc.context.obj({ Filter: "Standard", V: 1, R: 2, O: PDFHexString.of("00".repeat(32)), U: PDFHexString.of("00".repeat(32)), P: -4 });
  doc.context.trailerInfo.Encrypt = doc.context.register(enc);
  return doc.save({ useObjectStreams: false });
}

describe("uploading a template", () => {
  it("stores a draft under upload-<slug> with its pages, audits it, and a second one with the same name gets a suffix", async () => {
    const t = await json<{ key: string; id: string; status: string; pageCount: number; pages: unknown[]; sha256: string; products: string[]; name: Record<string, string> }>(await upload(pdf), 201);
    expect(t).toMatchObject({ key: "upload-overdraft-terms", status: "draft", pageCount: 3, products: ["checking"], name: { en: "Overdraft terms" } });
    expect(t.pages).toEqual([
      { width: 595, height: 842 },
      { width: 595, height: 842 },
      { width: 595, height: 842 },
    ]);
    expect(t.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    const again = await json<{ key: string }>(await upload(pdf), 201);
    expect(again.key).toBe("upload-overdraft-terms-2");

    const audit = await ctx.deps.db.selectFrom("audit_log").select(["action", "subject_id"]).where("tenant_id", "=", tenant.id).where("action", "=", "signing.template.uploaded").execute();
    expect(audit.map((a) => a.subject_id)).toEqual(expect.arrayContaining([t.id]));

    // The original comes back byte for byte (the field editor draws it), with no caching.
    const res = await get(`/signing/templates/${t.key}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
  });

  it("refuses a non-PDF (415), a damaged and an encrypted PDF (400 naming body), an empty body and a missing name", async () => {
    const exe = await expectProblem(await upload("MZ\x90\x00 not a pdf"), 415, "unsupported_media_type");
    expect(exe.errors?.[0]?.path).toBe("body");
    const corrupt = await expectProblem(await upload("%PDF-1.7\nthis is not really a pdf"), 400, "validation_failed");
    expect(corrupt.errors?.[0]).toMatchObject({ path: "body", code: "corrupt_pdf" });
    const enc = await expectProblem(await upload(await encryptedPdf()), 400, "validation_failed");
    expect(enc.errors?.[0]).toMatchObject({ path: "body", code: "encrypted_pdf" });
    await expectProblem(await upload(""), 400, "validation_failed");
    const noName = await expectProblem(await upload(pdf, "language=en"), 400, "validation_failed");
    expect(noName.errors?.map((e) => e.path)).toContain("query.name");
    await expectProblem(await upload(new Uint8Array(300 * 1024).fill(0x25)), 413, "payload_too_large");
  });

  it("is for admins only (an agent may read templates, not upload them)", async () => {
    const agent = await apiKeyHeaders(ctx, tenant, "agent");
    await expectProblem(await upload(pdf, undefined, agent), 403, "forbidden");
    expect((await get("/signing/templates", agent)).status).toBe(200);
  });
});

describe("placing fields and activating", () => {
  let key: string;
  beforeAll(async () => {
    key = (await json<{ key: string }>(await upload(pdf, "name=Field%20test&language=he"), 201)).key;
  });

  it("names each misplaced field: page out of range, box off the page, duplicate id, source on a signature", async () => {
    const bad = [field({ id: "a" }), field({ id: "b", x: 500, width: 200 }), field({ id: "c", page: 3 }), field({ id: "a", y: 10 }), field({ id: "d", source: "customer.name" }), field({ id: "e", kind: "text", source: "Not An Id!" })];
    const p = await expectProblem(await put(key, { fields: bad }), 400, "validation_failed");
    const paths = p.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.fields.1.x", "body.fields.2.page", "body.fields.3.id", "body.fields.4.source", "body.fields.5.source"]));
    expect(paths).not.toContain("body.fields.0.page");
    // Shapes are checked first: a kind or role that does not exist, a zero size.
    const shape = await expectProblem(await put(key, { fields: [field({ kind: "stamp" }), field({ id: "z", role: "notary", width: 0 })] }), 400, "validation_failed");
    expect(shape.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["body.fields.0.kind", "body.fields.1.role", "body.fields.1.width"]));
  });

  it("refuses to activate without a signature field; activates with one; new fields of an active template give a new version", async () => {
    await json(await put(key, { fields: [field({ id: "n", kind: "name" })] }));
    const refused = await expectProblem(await put(key, { status: "active" }), 400, "validation_failed");
    expect(refused.errors?.[0]).toMatchObject({ path: "body.status", code: "signature_required" });

    const active = await json<{ status: string; version: number; fieldCount: number }>(await put(key, { status: "active", fields: [field(), field({ id: "n", kind: "name", y: 120 }), field({ id: "acct", kind: "text", source: "customer.name", y: 200 })] }));
    expect(active).toMatchObject({ status: "active", version: 1, fieldCount: 3 });
    const same = await json<{ version: number }>(await put(key, { name: { en: "Field test", he: "בדיקת שדות" } }));
    expect(same.version).toBe(1);
    const moved = await json<{ version: number; name: Record<string, string> }>(await put(key, { fields: [field({ x: 70 })] }));
    expect(moved).toMatchObject({ version: 2, name: { en: "Field test", he: "בדיקת שדות" } });
    // Removing the last signature field from an active template is refused too.
    await expectProblem(await put(key, { fields: [field({ kind: "initials" })] }), 400, "validation_failed");

    const listed = await json<{ items: Array<{ key: string; source: string; version: number }> }>(await get("/signing/templates"));
    expect(listed.items.find((t) => t.key === key)).toMatchObject({ source: "upload", version: 2 });
    const updates = await ctx.deps.db.selectFrom("audit_log").select("data").where("tenant_id", "=", tenant.id).where("action", "=", "signing.template.updated").execute();
    expect(updates.length).toBeGreaterThanOrEqual(3);
  });

  it("previews an upload with its fields outlined (still a PDF with the same pages)", async () => {
    const res = await get(`/signing/templates/${key}/preview`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const doc = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
    expect(doc.getPageCount()).toBe(3);
  });

  it("another tenant's template and unknown keys are not found; built-ins cannot be changed or downloaded", async () => {
    const other = await makeTenant(ctx);
    const otherAdmin = await apiKeyHeaders(ctx, other, "admin");
    await expectProblem(await get(`/signing/templates/${key}`, otherAdmin), 404, "not_found");
    await expectProblem(await get(`/signing/templates/${key}/pdf`, otherAdmin), 404, "not_found");
    await expectProblem(await put(key, { status: "archived" }, otherAdmin), 404, "not_found");
    await expectProblem(await get("/signing/templates/upload-nothing-here"), 404, "not_found");
    await expectProblem(await put("builtin-loan_contract", { status: "archived" }), 409, "wrong_state");
    await expectProblem(await get("/signing/templates/builtin-loan_contract/pdf"), 404, "not_found");
  });
});

describe("built-in templates", () => {
  it("are listed with their products and every language, and preview in Arabic as a PDF", async () => {
    const { items } = await json<{ items: Array<{ key: string; source: string; products: string[]; languages: string[]; status: string }> }>(await get("/signing/templates"));
    const builtins = items.filter((t) => t.source === "builtin");
    expect(builtins.map((t) => t.key).sort()).toEqual(["builtin-account_agreement", "builtin-card_terms", "builtin-loan_contract", "builtin-mortgage_preapproval"]);
    expect(builtins.find((t) => t.key === "builtin-loan_contract")).toMatchObject({ products: ["personal_loan", "auto_loan"], status: "active", languages: ["en", "he", "ar", "zh-Hans", "zh-Hant"] });

    const t = await json<{ pages: unknown[]; fields: Array<{ kind: string; page: number }> }>(await get("/signing/templates/builtin-loan_contract"));
    expect(t.pages.length).toBeGreaterThan(0);
    expect(t.fields.some((f) => f.kind === "signature")).toBe(true);

    const res = await get("/signing/templates/builtin-loan_contract/preview?language=ar");
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    await expectProblem(await get("/signing/templates/builtin-loan_contract/preview?language=fr"), 400, "validation_failed");
  }, 60_000);
});
