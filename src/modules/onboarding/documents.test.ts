import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths, send } from "../../../tests/support/routes";
import { appRow, CHECKING_ANSWERS, customerHeaders, FILES, linkIn, makeApplication, messagesTo, timelineOf } from "./review.testkit";

const ctx = await createTestContext();
const API = "/api/v1";
let tenant: TestTenant;
let admin: Record<string, string>;

type Doc = { id: string; fieldId: string; status: string; size: number; contentType: string; fileName: string; rejectReason: string | null };
const upload = (headers: Record<string, string>, field: string, body: Buffer, type: string, extra: Record<string, string> = {}) =>
  ctx.app.request(`${API}/public/applications/me/documents?field=${field}`, { method: "POST", headers: { ...headers, "content-type": type, ...extra }, body: new Uint8Array(body) });
const ok = async <T>(res: Response, status = 200): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
};

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
});

describe("customer uploads", () => {
  it("stores JPEG, PNG and PDF, encrypted on disk, and lists them in the answer", async () => {
    const app = await makeApplication(ctx, tenant);
    const h = await customerHeaders(ctx, app);
    const jpeg = FILES.jpeg();
    const a = await ok<Doc>(await upload(h, "idDocument", jpeg, "image/jpeg", { "x-file-name": encodeURIComponent("תעודה front.jpg") }), 201);
    expect(a).toMatchObject({ fieldId: "idDocument", status: "uploaded", contentType: "image/jpeg", size: jpeg.length, fileName: "תעודה front.jpg" });
    const b = await ok<Doc>(await upload(h, "idDocument", FILES.png(), "image/png"), 201);
    expect(b.fileName).toBe("id_document.png");
    await ok<Doc>(await upload(h, "proofOfAddress", FILES.pdf(), "application/pdf; charset=binary"), 201);
    const row = await appRow(ctx, app);
    expect((row.answers as Record<string, unknown>).idDocument).toEqual([a.id, b.id]);
    expect(row.current_step).toBe("documents");

    const doc = await ctx.deps.db.selectFrom("application_documents").selectAll().where("tenant_id", "=", tenant.id).where("id", "=", a.id).executeTakeFirstOrThrow();
    expect(doc.blob_key).toBe(`onboarding/${tenant.id}/${app.id}/${a.id}`);
    const onDisk = await readFile(join(ctx.deps.config.blobs.dir, doc.blob_key));
    const marker = jpeg.subarray(16, 42);
    expect(marker.toString()).toMatch(/^PLAINMARK-/);
    expect(onDisk.includes(marker)).toBe(false);
    expect(onDisk.subarray(0, 4).toString()).toBe("ATB1");

    const events = (await timelineOf(ctx, app)).filter((e) => e.type === "document_uploaded");
    expect(events).toHaveLength(3);
    expect(events[0]?.data).toMatchObject({ fileName: "תעודה front.jpg", size: jpeg.length });
    expect(JSON.stringify(events)).not.toContain("PLAINMARK");
  });

  it("refuses other content with the reason, a declared type that disagrees, and types the field does not take", async () => {
    const app = await makeApplication(ctx, tenant);
    const h = await customerHeaders(ctx, app);
    for (const [bytes, reason] of [
      [FILES.exe(), "a Windows executable"],
      [FILES.zip(), "a ZIP archive"],
      [FILES.gif(), "a GIF image"],
    ] as const) {
      const p = await expectProblem(await upload(h, "idDocument", bytes, "image/jpeg"), 415, "unsupported_media_type");
      expect(p.detail).toContain(reason);
      expect(issuePaths(p)).toEqual(["body"]);
    }
    const mismatch = await expectProblem(await upload(h, "idDocument", FILES.png(), "image/jpeg"), 415, "unsupported_media_type");
    expect(mismatch.errors?.[0]?.code).toBe("type_mismatch");
    await expectProblem(await upload(h, "idDocument", FILES.jpeg(), "image/gif"), 415, "unsupported_media_type");

    const mortgage = await makeApplication(ctx, tenant, { product: "mortgage", answers: { hasCoApplicant: false } });
    const mh = await customerHeaders(ctx, mortgage);
    const notTaken = await expectProblem(await upload(mh, "bankStatements", FILES.jpeg(), "image/jpeg"), 415, "unsupported_media_type");
    expect(notTaken.errors?.[0]?.code).toBe("not_accepted");
    const hidden = await expectProblem(await upload(mh, "coIdDocument", FILES.jpeg(), "image/jpeg"), 400, "validation_failed");
    expect(hidden.errors?.[0]).toMatchObject({ path: "query.field", code: "not_visible" });
    const notFile = await expectProblem(await upload(mh, "coName", FILES.jpeg(), "image/jpeg"), 400, "validation_failed");
    expect(notFile.errors?.[0]?.code).toBe("not_a_file_field");
    expect(await ctx.deps.db.selectFrom("application_documents").select("id").where("tenant_id", "=", tenant.id).where("application_id", "in", [app.id, mortgage.id]).execute()).toEqual([]);
  });

  it("limits the size and the number of files per field, and needs an editable application and a session", async () => {
    const small = await createTestContext({ env: { ONBOARDING_UPLOAD_MAX_BYTES: String(10 * 1024) } });
    const app = await makeApplication(small, tenant);
    const h = await customerHeaders(small, app);
    const big = await expectProblem(
      await small.app.request(`${API}/public/applications/me/documents?field=idDocument`, { method: "POST", headers: { ...h, "content-type": "image/jpeg" }, body: new Uint8Array(FILES.jpeg(20 * 1024)) }),
      413,
      "payload_too_large",
    );
    expect(big.errors?.[0]).toMatchObject({ path: "body", params: { maximum: 10 * 1024 } });

    const h2 = await customerHeaders(ctx, app);
    await ok(await upload(h2, "proofOfAddress", FILES.pdf(), "application/pdf"), 201);
    const many = await expectProblem(await upload(h2, "proofOfAddress", FILES.pdf(), "application/pdf"), 400, "validation_failed");
    expect(many.errors?.[0]).toMatchObject({ path: "query.field", code: "too_many_files", params: { maximum: 1 } });
    // The refused upload's blob, written before the transaction, is gone again.
    expect(await readdir(join(ctx.deps.config.blobs.dir, "onboarding", tenant.id, app.id))).toHaveLength(1);
    await expectProblem(await upload(h2, "idDocument", Buffer.alloc(0), "image/jpeg"), 400, "validation_failed");

    const submitted = await makeApplication(ctx, tenant, { status: "submitted" });
    await expectProblem(await upload(await customerHeaders(ctx, submitted), "idDocument", FILES.jpeg(), "image/jpeg"), 409, "wrong_state");
    await expectProblem(await upload({}, "idDocument", FILES.jpeg(), "image/jpeg"), 401, "unauthenticated");
  });

  it("lets the customer remove a document, but not one the bank accepted", async () => {
    const app = await makeApplication(ctx, tenant, { completedSteps: ["about", "work", "documents"] });
    const h = await customerHeaders(ctx, app);
    const a = await ok<Doc>(await upload(h, "proofOfAddress", FILES.pdf(), "application/pdf"), 201);
    const res = await ctx.app.request(`${API}/public/applications/me/documents/${a.id}`, { method: "DELETE", headers: h });
    expect(res.status).toBe(204);
    const row = await appRow(ctx, app);
    expect((row.answers as Record<string, unknown>).proofOfAddress).toBeUndefined();
    expect(row.completed_steps).toEqual(["about", "work"]);
    await expectProblem(await ctx.app.request(`${API}/public/applications/me/documents/${a.id}`, { method: "DELETE", headers: h }), 404, "not_found");
    const b = await ok<Doc>(await upload(h, "proofOfAddress", FILES.pdf(), "application/pdf"), 201);
    await ok(await ctx.app.request(`${API}/applications/${app.id}/documents/${b.id}/accept`, { method: "POST", headers: admin }));
    await expectProblem(await ctx.app.request(`${API}/public/applications/me/documents/${b.id}`, { method: "DELETE", headers: h }), 409, "wrong_state");
  });
});

describe("documents for reviewers", () => {
  it("gives the same bytes with sandboxing headers, only inside the reviewer's scope", async () => {
    const app = await makeApplication(ctx, tenant, { branch: tenant.branches[0] });
    const bytes = FILES.pdf(5000);
    const d = await ok<Doc>(await upload(await customerHeaders(ctx, app), "proofOfAddress", bytes, "application/pdf", { "x-file-name": "bill.pdf" }), 201);
    const res = await ctx.app.request(`${API}/applications/${app.id}/documents/${d.id}`, { headers: admin });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="bill\.pdf"/);
    expect(res.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");

    const other = tenant.branches[1] as { id: string };
    const manager = await makeUser(ctx, tenant, { role: "branch_manager", branchId: other.id });
    const s = await signIn(ctx, tenant, manager.email);
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/documents/${d.id}`, { headers: { cookie: s.cookie } }), 403, "out_of_scope");
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/documents/${app.id}`, { headers: admin }), 404, "not_found");
  });

  it("rejecting sends a re-upload link for that item; the new upload replaces the rejected one", async () => {
    const app = await makeApplication(ctx, tenant, { status: "submitted", completedSteps: ["about", "work", "documents", "deposit", "review"], phone: "+972509990001", submittedAt: ctx.clock.now() });
    // Uploaded while it was still in progress.
    await ctx.deps.db.updateTable("applications").set({ status: "in_progress" }).where("tenant_id", "=", tenant.id).where("id", "=", app.id).execute();
    const d = await ok<Doc>(await upload(await customerHeaders(ctx, app), "proofOfAddress", FILES.jpeg(), "image/jpeg"), 201);
    await ctx.deps.db.updateTable("applications").set({ status: "submitted" }).where("tenant_id", "=", tenant.id).where("id", "=", app.id).execute();

    const rejected = await ok<Doc>(await ctx.app.request(`${API}/applications/${app.id}/documents/${d.id}/reject`, send("POST", { reason: "The bill is older than 3 months" }, admin)));
    expect(rejected).toMatchObject({ status: "rejected", rejectReason: "The bill is older than 3 months" });
    const row = await appRow(ctx, app);
    expect(row.status).toBe("info_requested");
    expect((row.answers as Record<string, unknown>).proofOfAddress).toBeUndefined();
    expect(row.completed_steps).not.toContain("documents");
    expect(row.info_requested).toEqual([{ step: "documents", field: "proofOfAddress", document: d.id, note: "The bill is older than 3 months" }]);

    const [msg] = await messagesTo(ctx, tenant.id, "+972509990001");
    expect(msg).toMatchObject({ template: "onboarding.document_rejected_sms", channel: "sms", sensitive: true });
    const { token } = linkIn(msg?.body_text ?? "");
    const link = await ctx.deps.db.selectFrom("application_links").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).where("purpose", "=", "reupload").executeTakeFirstOrThrow();
    expect(link).toMatchObject({ step: "documents", field: "proofOfAddress", sent_via: "sms" });
    expect(link.token_hash).not.toBe(token);
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/documents/${d.id}/accept`, { method: "POST", headers: admin }), 409, "wrong_state");

    const again = await ok<Doc>(await upload(await customerHeaders(ctx, app), "proofOfAddress", FILES.pdf(), "application/pdf"), 201);
    const statuses = await ctx.deps.db.selectFrom("application_documents").select(["id", "status"]).where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).orderBy("uploaded_at").orderBy("id").execute();
    expect(statuses).toEqual([
      { id: d.id, status: "replaced" },
      { id: again.id, status: "uploaded" },
    ]);
    expect(((await appRow(ctx, app)).answers as Record<string, unknown>).proofOfAddress).toEqual([again.id]);
    const types = (await timelineOf(ctx, app)).map((e) => e.type);
    expect(types).toContain("document_rejected");
    const audit = await ctx.deps.db.selectFrom("audit_log").select("action").where("tenant_id", "=", tenant.id).where("subject_id", "=", app.id).execute();
    expect(audit.map((a) => a.action)).toContain("application.document_rejected");
  });

  it("accepts, refuses documents of decided applications, and validates the reason", async () => {
    const app = await makeApplication(ctx, tenant, { answers: CHECKING_ANSWERS });
    const d = await ok<Doc>(await upload(await customerHeaders(ctx, app), "idDocument", FILES.jpeg(), "image/jpeg"), 201);
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/documents/${d.id}/reject`, send("POST", { reason: " " }, admin)), 400, "validation_failed");
    const accepted = await ok<Doc>(await ctx.app.request(`${API}/applications/${app.id}/documents/${d.id}/accept`, { method: "POST", headers: admin }));
    expect(accepted.status).toBe("accepted");
    await ctx.deps.db.updateTable("applications").set({ status: "approved" }).where("tenant_id", "=", tenant.id).where("id", "=", app.id).execute();
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/documents/${d.id}/reject`, send("POST", { reason: "Blurry" }, admin)), 409, "wrong_state");
    const viewer = await apiKeyHeaders(ctx, tenant, "viewer");
    await expectProblem(await ctx.app.request(`${API}/applications/${app.id}/documents/${d.id}`, { headers: viewer }), 403, "forbidden");
  });
});
