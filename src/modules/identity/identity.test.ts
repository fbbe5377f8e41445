/**
 * The identity step end to end on the real store with the real local provider (tesseract OCR of
 * the MRZ fixtures in tests/fixtures/mrz): settings checked by checkFlow, the photo route, the
 * cross-check's evidence, what the customer is (and is not) told, attempts, the rate limit, the
 * selfie, and completing the step.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { withIdentityStep } from "../../../seeds/identity";
import { createTestContext } from "../../../tests/support/context";
import { apiKeyHeaders, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { expectProblem, issuePaths } from "../../../tests/support/routes";
import { inTransaction } from "../../db";
import { newId } from "../../kernel/ids";
import { checkFlow } from "../onboarding/flow/check";
import { FLOW_TEMPLATES } from "../onboarding/flow/templates";
import type { Answers, ProductId } from "../onboarding/flow/types";
import { publishedFlow, publishFlow, saveDraft } from "../onboarding/flows";
import { CHECKING_ANSWERS, customerHeaders, FILES, makeApplication, timelineOf } from "../onboarding/review.testkit";
import { OCR_PER_HOUR } from "./state";

const ctx = await createTestContext();
const API = "/api/v1/public/applications/me";
const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/mrz/${name}`, import.meta.url));
const LAYLA = fixture("td3-synthetic.jpg"); // HAMDAN, LAYLA NOOR · 1991-03-05 · expires 2034-09-17 · C7Y40K2M1
const ANNA_EXPIRED = fixture("td3-specimen.png"); // ICAO specimen: ERIKSSON, ANNA MARIA · 1974-08-12 · expired 2012-04-15
const NO_MRZ = fixture("no-mrz.png");
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const LAYLA_ANSWERS: Answers = { ...CHECKING_ANSWERS, fullName: "Layla Hamdan", dateOfBirth: "1991-03-05" };

let tenant: TestTenant;
let admin: Record<string, string>;

/** Publishes the product's flow with an identity step after "about" (settings as given). */
async function publishWithIdentity(product: ProductId, settings: Record<string, unknown> = {}) {
  const now = ctx.clock.now();
  const current = await publishedFlow(ctx.deps.db, tenant.id, product, now);
  const def = withIdentityStep(current.definition, "about", settings);
  await inTransaction(ctx.deps.db, async (trx) => {
    await saveDraft(trx, { actor: null, now }, tenant.id, product, def);
    await publishFlow(trx, { actor: null, now }, tenant.id, product);
  });
}

const photo = (h: Record<string, string>, body: Uint8Array, type: string, path = "") =>
  ctx.app.request(`${API}/identity${path}`, { method: "POST", headers: { ...h, "content-type": type }, body: new Uint8Array(body) });
const complete = (h: Record<string, string>, step = "identity") => ctx.app.request(`${API}/steps/${step}/complete`, { method: "POST", headers: h });
const json = async <T = Record<string, unknown>>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
};
const reasonCodes = (check: { details: unknown } | undefined) => ((check?.details as { reasons?: { code: string }[] } | undefined)?.reasons ?? []).map((r) => r.code);
/** This step's checks (screening and risk hooks add their own on completion). */
const checksOf = (appId: string) =>
  ctx.deps.db.selectFrom("application_checks").selectAll().where("tenant_id", "=", tenant.id).where("application_id", "=", appId).where("kind", "like", "identity_%").orderBy("created_at").orderBy("kind").execute();

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  await publishWithIdentity("checking");
  await publishWithIdentity("savings", { selfie: true, documents: ["passport"], maxAttempts: 1 });
});

describe("identity step settings", () => {
  it("are checked by checkFlow: known keys, document types, whole numbers in range", () => {
    const base = withIdentityStep(FLOW_TEMPLATES.checking);
    const step = base.steps.findIndex((s) => s.kind === "identity");
    expect(checkFlow(base, undefined, "checking").filter((p) => p.path.includes("settings"))).toEqual([]);
    const bad = structuredClone(base);
    bad.steps[step] = { ...bad.steps[step], id: "identity", kind: "identity", title: { en: "ID" }, minutes: 1, fields: [], settings: { documents: ["passport", "driving_licence"], selfie: "yes", minAge: 17.5, maxAttempts: 0, colour: "red" } };
    const paths = checkFlow(bad, undefined, "checking").map((p) => p.path);
    for (const p of ["settings.documents.1", "settings.selfie", "settings.minAge", "settings.maxAttempts", "settings.colour"]) expect(paths).toContain(`steps.${step}.${p}`);
    bad.steps[step] = { ...bad.steps[step], id: "identity", kind: "identity", title: { en: "ID" }, minutes: 1, fields: [], settings: { documents: [] } };
    expect(checkFlow(bad, undefined, "checking").map((p) => p.path)).toContain(`steps.${step}.settings.documents`);
  });
});

describe("the document photo", () => {
  it("needs a customer session", async () => {
    await expectProblem(await photo({}, LAYLA, "image/jpeg"), 401, "unauthenticated");
    await expectProblem(await photo({}, LAYLA, "image/jpeg", "/selfie"), 401, "unauthenticated");
    await expectProblem(await ctx.app.request(`${API}/identity`), 401, "unauthenticated");
  });

  it("reads the MRZ, stores the photo and both checks with their evidence, and tells the customer what was read", async () => {
    const app = await makeApplication(ctx, tenant, { name: "Layla Hamdan", answers: LAYLA_ANSWERS, completedSteps: ["about"] });
    const h = await customerHeaders(ctx, app);
    const read = await json(await photo(h, LAYLA, "image/jpeg"), 201);
    expect(read).toMatchObject({ step: "identity", documentType: "passport", surname: "HAMDAN", givenNames: "LAYLA NOOR", birthDate: "1991-03-05", expiryDate: "2034-09-17", documentNumber: "•••••K2M1", problems: [] });

    const doc = await ctx.deps.db.selectFrom("application_documents").selectAll().where("tenant_id", "=", tenant.id).where("id", "=", String(read.documentId)).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: "identity_document", field_id: "identity", content_type: "image/jpeg", size: LAYLA.length, sha256: sha(LAYLA) });
    expect((await ctx.deps.blobs.get(doc.blob_key)).equals(LAYLA)).toBe(true);

    const checks = await checksOf(app.id);
    const document = checks.find((c) => c.kind === "identity_document");
    const cross = checks.find((c) => c.kind === "identity_crosscheck");
    expect(document).toMatchObject({ provider: "local", actor: "customer", input_digest: sha(LAYLA), list_version: null });
    expect(document?.summary).toContain("•••••K2M1");
    expect(document?.summary).not.toContain("C7Y40K2M1");
    const details = document?.details as { mrz: { fields: { documentNumber: string }; format: string }; documentId: string; declaredType: string | null };
    expect(details.mrz.fields.documentNumber).toBe("C7Y40K2M1");
    expect(details.mrz.format).toBe("TD3");
    expect(details.documentId).toBe(read.documentId);
    expect(cross).toMatchObject({ outcome: "pass", provider: "atrium-crosscheck", actor: "customer", input_digest: sha(LAYLA) });

    const status = await json<{ read: { documentNumber: string }; canContinue: boolean; attemptsLeft: number }>(await ctx.app.request(`${API}/identity`, { headers: h }), 200);
    expect(status).toMatchObject({ canContinue: true, attemptsLeft: 3, read: { documentNumber: "•••••K2M1" } });
    expect((await timelineOf(ctx, app)).map((e) => e.type)).toContain("identity_document_read");

    // Staff see the checks on the case.
    const staff = await json<{ checks: { kind: string; outcome: string; inputDigest: string }[]; documents: { id: string }[] }>(await ctx.app.request(`/api/v1/applications/${app.id}`, { headers: admin }), 200);
    expect(staff.checks.map((c) => c.kind).sort()).toEqual(["identity_crosscheck", "identity_document"]);
    expect(staff.documents.map((d) => d.id)).toContain(read.documentId);
  }, 60_000);

  it("turns mismatches into review reasons the customer is not told about", async () => {
    const app = await makeApplication(ctx, tenant, { name: "Dana Levi", answers: { ...CHECKING_ANSWERS, nationality: "IL" } });
    const h = await customerHeaders(ctx, app);
    const read = await json(await photo(h, LAYLA, "image/jpeg"), 201);
    expect(read.problems).toEqual([]);
    const text = JSON.stringify(read);
    for (const leak of ["name_mismatch", "birth_date", "nationality_mismatch", "Dana"]) expect(text).not.toContain(leak);
    const cross = (await checksOf(app.id)).find((c) => c.kind === "identity_crosscheck");
    expect(cross?.outcome).toBe("review");
    const codes = reasonCodes(cross);
    expect(codes.sort()).toEqual(["birth_date_mismatch", "name_mismatch", "nationality_mismatch"]);
  }, 60_000);

  it("says plainly when the document has expired", async () => {
    const app = await makeApplication(ctx, tenant, { name: "Anna Eriksson", answers: { ...CHECKING_ANSWERS, fullName: "Anna Maria Eriksson", dateOfBirth: "1974-08-12" } });
    const h = await customerHeaders(ctx, app);
    const read = await json(await photo(h, ANNA_EXPIRED, "image/png"), 201);
    expect(read).toMatchObject({ surname: "ERIKSSON", expiryDate: "2012-04-15", problems: ["expired"], documentNumber: "•••••02C3" });
    const cross = (await checksOf(app.id)).find((c) => c.kind === "identity_crosscheck");
    expect(reasonCodes(cross)).toEqual(["document_expired"]);
  }, 60_000);

  it("refuses photos that are not JPEG or PNG by content, and empty ones", async () => {
    const app = await makeApplication(ctx, tenant);
    const h = await customerHeaders(ctx, app);
    await expectProblem(await photo(h, FILES.pdf(), "application/pdf"), 415, "unsupported_media_type");
    await expectProblem(await photo(h, FILES.png(), "image/jpeg"), 415, "unsupported_media_type");
    const empty = await expectProblem(await photo(h, new Uint8Array(0), "image/jpeg"), 400, "validation_failed");
    expect(issuePaths(empty)).toEqual(["body"]);
    const wrongStep = await expectProblem(await ctx.app.request(`${API}/identity?step=about`, { method: "POST", headers: { ...h, "content-type": "image/jpeg" }, body: new Uint8Array(LAYLA) }), 400, "validation_failed");
    expect(issuePaths(wrongStep)).toEqual(["query.step"]);
    expect(await checksOf(app.id)).toEqual([]);
  });
});

describe("unreadable photos and completing the step", () => {
  it("counts attempts down, refuses to complete until a read or every attempt is used, then lets a person check", async () => {
    const app = await makeApplication(ctx, tenant, { answers: { ...CHECKING_ANSWERS, nationality: "IL" }, completedSteps: ["about"] });
    const h = await customerHeaders(ctx, app);
    const refused = await expectProblem(await complete(h), 400, "validation_failed");
    expect(issuePaths(refused)).toEqual(["identity"]);
    for (const left of [2, 1, 0]) {
      const p = await expectProblem(await photo(h, NO_MRZ, "image/png"), 422, "ocr_unreadable");
      expect(p.errors?.[0]).toMatchObject({ path: "body", code: "unreadable", params: { attemptsLeft: left, maxAttempts: 3 } });
      if (left > 0) expect(issuePaths(await expectProblem(await complete(h), 400, "validation_failed"))).toEqual(["identity"]);
    }
    const done = await json<{ completedSteps: string[] }>(await complete(h), 200);
    expect(done.completedSteps).toContain("identity");
    const checks = await checksOf(app.id);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ kind: "identity_document", outcome: "review" });
    expect(reasonCodes(checks[0])).toEqual(["document_unreadable"]);
    // Completing again does not record it twice.
    await json(await complete(h), 200);
    expect(await checksOf(app.id)).toHaveLength(1);
    const types = (await timelineOf(ctx, app)).map((e) => e.type);
    expect(types.filter((t) => t === "identity_unreadable")).toHaveLength(3);
    expect(await ctx.deps.db.selectFrom("application_documents").select("id").where("tenant_id", "=", tenant.id).where("application_id", "=", app.id).where("kind", "=", "identity_document").execute()).toHaveLength(3);
  }, 120_000);

  it("completes once the document was read and moves on", async () => {
    const app = await makeApplication(ctx, tenant, { name: "Layla Hamdan", answers: { ...LAYLA_ANSWERS, nationality: "IL" }, completedSteps: ["about"] });
    const h = await customerHeaders(ctx, app);
    await json(await photo(h, LAYLA, "image/jpeg"), 201);
    const done = await json<{ completedSteps: string[]; next: string | null }>(await complete(h), 200);
    expect(done.completedSteps).toEqual(["about", "identity"]);
    expect(done.next).toBe("work");
  }, 60_000);

  it(`allows ${OCR_PER_HOUR} photos an hour per application (429 with Retry-After), then again`, async () => {
    const app = await makeApplication(ctx, tenant);
    const h = await customerHeaders(ctx, app);
    const now = ctx.clock.now();
    for (let i = 0; i < OCR_PER_HOUR; i++) {
      const id = newId();
      await ctx.deps.db
        .insertInto("application_documents")
        .values({ tenant_id: tenant.id, id, application_id: app.id, field_id: "identity", kind: "identity_document", file_name: "identity_document.jpg", content_type: "image/jpeg", size: 10, sha256: "0".repeat(64), blob_key: `test/${id}`, uploaded_at: new Date(now.getTime() - (50 - i) * 60_000) })
        .execute();
    }
    const res = await photo(h, NO_MRZ, "image/png");
    await expectProblem(res.clone(), 429, "rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBe(10 * 60);
    ctx.clock.advance(11 * 60_000);
    await expectProblem(await photo(h, NO_MRZ, "image/png"), 422, "ocr_unreadable");
  }, 60_000);
});

describe("the selfie", () => {
  it("comes after the document, is checked against it, and is needed to complete", async () => {
    const app = await makeApplication(ctx, tenant, { product: "savings", name: "Layla Hamdan", answers: { ...LAYLA_ANSWERS, nationality: "IL" }, completedSteps: ["about"] });
    const h = await customerHeaders(ctx, app);
    const early = await expectProblem(await photo(h, FILES.jpeg(), "image/jpeg", "/selfie"), 400, "validation_failed");
    expect(early.errors?.[0]?.code).toBe("document_required");
    await json(await photo(h, LAYLA, "image/jpeg"), 201);
    const refused = await expectProblem(await complete(h), 400, "validation_failed");
    expect(issuePaths(refused)).toEqual(["identity.selfie"]);
    const selfie = FILES.jpeg();
    expect(await json(await photo(h, selfie, "image/jpeg", "/selfie"), 201)).toEqual({ step: "identity", problems: [] });
    const check = (await checksOf(app.id)).find((c) => c.kind === "identity_selfie");
    expect(check).toMatchObject({ outcome: "review", provider: "local", input_digest: sha(selfie), actor: "customer" });
    expect((await json<{ completedSteps: string[] }>(await complete(h), 200)).completedSteps).toContain("identity");
  }, 60_000);

  it("is refused where the step asks for none", async () => {
    const app = await makeApplication(ctx, tenant);
    const h = await customerHeaders(ctx, app);
    const p = await expectProblem(await photo(h, FILES.jpeg(), "image/jpeg", "/selfie"), 400, "validation_failed");
    expect(p.errors?.[0]).toMatchObject({ path: "query.step", code: "no_selfie" });
  });
});
