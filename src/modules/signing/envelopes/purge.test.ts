import { beforeAll, describe, expect, it } from "vitest";
import { BlobNotFoundError } from "../../../blobs";
import { createTestContext } from "../../../../tests/support/context";
import { makeTenant, type TestTenant } from "../../../../tests/support/factories";
import { purgeTenant, yearsBefore } from "../../risk/retention";
import { envelopeKit, signerMeta } from "./envelopes.testkit";
import { createEnvelope } from "./service";

const ctx = await createTestContext();
const k = envelopeKit(ctx);
const db = ctx.deps.db;
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await makeTenant(ctx);
}, 30_000);

const exists = (key: string) =>
  ctx.deps.blobs.get(key).then(
    () => true,
    (e) => (e instanceof BlobNotFoundError ? false : Promise.reject(e)),
  );

describe("retention of envelopes", () => {
  it("go with their application: kept inside the period, files and rows deleted past it", async () => {
    const phone = "+972501230077";
    const app = await k.application(tenant, { name: "Rita Retention", phone });
    const envelope = await createEnvelope(ctx.deps, signerMeta(), {
      tenantId: tenant.id,
      applicationId: app.id,
      documents: ["builtin-loan_contract"],
      signers: [{ role: "applicant", name: "Rita Retention", phone }],
      routing: "sequential",
    });
    await k.signAll(tenant.id, await k.tokenFor(tenant.id, phone), phone);
    const docs = await db.selectFrom("envelope_documents").select(["original_blob", "signed_blob"]).where("envelope_id", "=", envelope.id).execute();
    const signer = await db.selectFrom("envelope_signers").select("signature_blob").where("envelope_id", "=", envelope.id).executeTakeFirstOrThrow();
    const keys = [...docs.flatMap((d) => [d.original_blob, d.signed_blob]), signer.signature_blob].filter((x): x is string => !!x);
    expect(keys).toHaveLength(3);
    const ended = ctx.clock.now();
    await db.updateTable("applications").set({ status: "rejected", decided_at: ended }).where("id", "=", app.id).execute();
    const rows = async () => ({
      envelopes: (await db.selectFrom("envelopes").select("id").where("id", "=", envelope.id).execute()).length,
      events: (await db.selectFrom("signing_events").select("seq").where("envelope_id", "=", envelope.id).execute()).length,
      signers: (await db.selectFrom("envelope_signers").select("id").where("envelope_id", "=", envelope.id).execute()).length,
      documents: (await db.selectFrom("envelope_documents").select("id").where("envelope_id", "=", envelope.id).execute()).length,
    });

    // One day inside the period (5 years by default): everything stays.
    await purgeTenant(ctx.deps, tenant.id, new Date(yearsBefore(ended, -5).getTime() - 86_400_000));
    expect(await rows()).toMatchObject({ envelopes: 1, signers: 1, documents: 1 });
    expect((await rows()).events).toBeGreaterThan(5);
    for (const key of keys) expect(await exists(key)).toBe(true);

    // One day past it: the application and its envelope, files first.
    await purgeTenant(ctx.deps, tenant.id, new Date(yearsBefore(ended, -5).getTime() + 86_400_000));
    expect(await rows()).toEqual({ envelopes: 0, events: 0, signers: 0, documents: 0 });
    for (const key of keys) expect(await exists(key)).toBe(false);
  });
});
