import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { sha256Hex } from "../../../kernel/crypto";
import { newId } from "../../../kernel/ids";
import type { PlacedField } from "../../../db/schema-signing";
import { makePdf, pdfsig } from "../signing.testkit";
import { envelopeKit, SIGNATURE_PNG, signerMeta } from "./envelopes.testkit";
import { createEnvelope, documentBytes, signEnvelope } from "./service";

const ctx = await createTestContext();
const k = envelopeKit(ctx);
let tenant: TestTenant;
beforeAll(async () => {
  tenant = await makeTenant(ctx);
});

const FIELDS: PlacedField[] = [
  { id: "sig", kind: "signature", role: "applicant", page: 0, x: 60, y: 80, width: 180, height: 50, required: true },
  { id: "who", kind: "text", role: "applicant", page: 0, x: 60, y: 140, width: 200, height: 16, required: false, source: "customer.name" },
  { id: "agree", kind: "checkbox", role: "applicant", page: 1, x: 60, y: 100, width: 14, height: 14, required: true, label: { en: "I have read the terms" } },
  { id: "when", kind: "date", role: "applicant", page: 0, x: 300, y: 80, width: 120, height: 16, required: true },
];

async function uploadTemplate(status: "active" | "draft", key: string) {
  const pdf = await makePdf(2, "Bank letter");
  const id = newId();
  const blob = `signing/${tenant.id}/templates/${id}.pdf`;
  await ctx.deps.blobs.put(blob, Buffer.from(pdf));
  await ctx.deps.db
    .insertInto("document_templates")
    .values({
      tenant_id: tenant.id,
      id,
      key,
      name: JSON.stringify({ en: "Bank letter" }),
      product: null,
      language: "en",
      pdf_blob: blob,
      pdf_sha256: sha256Hex(pdf),
      page_count: 2,
      pages: JSON.stringify([{ width: 595, height: 842 }, { width: 595, height: 842 }]),
      fields: JSON.stringify(FIELDS),
      status,
      created_by: null,
      created_at: ctx.clock.now(),
      updated_at: ctx.clock.now(),
    })
    .execute();
  return pdf;
}

describe("an uploaded template", () => {
  it("is sent as uploaded, pre-fills source fields, requires the signer's own fields and seals", async () => {
    const pdf = await uploadTemplate("active", "upload-bank-letter");
    await uploadTemplate("draft", "upload-draft-letter");
    const email = `u${Date.now()}@example.com`;
    const app = await k.application(tenant, { name: "Uma Upload", email });
    const staff = { actor: null, ip: null, userAgent: null };
    const draft = await createEnvelope(ctx.deps, staff, { tenantId: tenant.id, applicationId: app.id, documents: ["upload-draft-letter"], signers: [{ role: "applicant", name: "Uma Upload", email }], routing: "parallel" }).catch(
      (e: { issues: unknown[] }) => e.issues,
    );
    expect(draft).toEqual([expect.objectContaining({ path: "body.documents.0", code: "not_active" })]);
    const envelope = await createEnvelope(ctx.deps, staff, { tenantId: tenant.id, applicationId: app.id, documents: ["upload-bank-letter"], signers: [{ role: "applicant", name: "Uma Upload", email }], routing: "parallel" });
    const docs = await ctx.deps.db.selectFrom("envelope_documents").selectAll().where("envelope_id", "=", envelope.id).execute();
    expect(docs[0]).toMatchObject({ name: "Bank letter", original_sha256: sha256Hex(pdf), template_version: 1 });
    expect(((docs[0]?.fields ?? []) as Array<PlacedField & { value?: string }>).find((f) => f.id === "who")?.value).toBe("Uma Upload");
    const token = await k.tokenFor(tenant.id, email);
    await k.authenticate(tenant.id, token, email);
    const missing = await signEnvelope(ctx.deps, signerMeta(), token, { kind: "drawn", png: SIGNATURE_PNG }, {}).catch((e: { issues: unknown[] }) => e.issues);
    expect(missing).toEqual([expect.objectContaining({ path: "body.fields.agree", code: "required" })]);
    const unknown = await signEnvelope(ctx.deps, signerMeta(), token, { kind: "drawn", png: SIGNATURE_PNG }, { agree: true, who: "Someone else" }).catch((e: { issues: unknown[] }) => e.issues);
    expect(unknown).toEqual([expect.objectContaining({ path: "body.fields.who", code: "unknown_field" })]);
    const done = await signEnvelope(ctx.deps, signerMeta(), token, { kind: "typed", text: "Uma Upload" }, { agree: true });
    expect(done.envelope).toMatchObject({ status: "completed", seal_status: "sealed", seal_error: null });
    const signed = await documentBytes(ctx.deps, tenant.id, envelope.id, docs[0]?.id ?? "", "signed");
    expect(pdfsig(signed)).toContain("Signature is Valid.");
    expect(Buffer.compare(await documentBytes(ctx.deps, tenant.id, envelope.id, docs[0]?.id ?? "", "original"), Buffer.from(pdf))).toBe(0);
  });
});
