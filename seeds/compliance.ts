/**
 * Demo compliance work, run after the lists are seeded (seedLists): every live application of the
 * demo bank is screened as submission would screen it, and two submitted applicants who resemble
 * entries of the bundled PEP list are added through the normal application command, so the review
 * queue has work: one hit waiting for a first decision and one block-band hit a first officer
 * proposed to clear (clear-pending: it needs a second compliance officer).
 *
 * Why the PEP list and not a UN individual: the OFAC, UN and EU samples are real designated people
 * (seeds/lists/README.md), and a demo customer named after a real person would present a name
 * match as a finding about them. The PEP sample is synthetic, so its names are safe to resemble.
 */
import { inTransaction } from "../src/db";
import type { Actor } from "../src/kernel/access";
import { decideReview } from "../src/modules/compliance/decide";
import { screenApplicant } from "../src/modules/compliance/screen-applicant";
import { assessRisk } from "../src/modules/risk/assess";
import { createApplication } from "../src/modules/onboarding/applications";
import type { Answers } from "../src/modules/onboarding/flow/types";
import type { Deps } from "../src/server/deps";

const HOUR = 3_600_000;

/** Made-up applicants close to synthetic PEP entries PEP-0001 and PEP-0003 (demo-pep.csv). */
const LOOKALIKES = [
  { name: "Oriana Castellví Marquet", dateOfBirth: "1961-03-14", country: "ES", email: "oriana.castellvi@example.com", hoursAgo: 30, propose: true },
  { name: "Mohamed Al Qarawi", dateOfBirth: "1970-05-02", country: "JO", email: "m.alqarawi@example.com", hoursAgo: 6, propose: false },
];

const LIVE = ["created", "in_progress", "submitted", "info_requested", "approved", "funded"] as const;

export interface ComplianceSeedResult {
  screened: number;
  reviews: number;
  clearPending: number;
}

export async function seedCompliance(deps: Deps, tenantId: string): Promise<ComplianceSeedResult> {
  const now = deps.clock.now().getTime();
  const added: Array<{ id: string; propose: boolean }> = [];
  await inTransaction(deps.db, async (trx) => {
    for (const l of LOOKALIKES) {
      const at = new Date(now - l.hoursAgo * HOUR);
      const { app } = await createApplication(trx, { ...deps, clock: { now: () => at } }, { actor: null, now: at }, null, tenantId, {
        product: "savings",
        customer: { name: l.name, email: l.email, language: "en" },
        channel: "web",
      });
      const answers: Answers = {
        fullName: l.name,
        email: l.email,
        dateOfBirth: l.dateOfBirth,
        address: { line1: "1 Example Street", city: "Example City", postcode: "10001", country: l.country },
      };
      await trx
        .updateTable("applications")
        .set({ status: "submitted", answers: JSON.stringify(answers), submitted_at: new Date(at.getTime() + HOUR), sla_due_at: new Date(at.getTime() + 25 * HOUR), last_activity_at: new Date(at.getTime() + HOUR), updated_at: new Date(at.getTime() + HOUR) })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", app.id)
        .execute();
      added.push({ id: app.id, propose: l.propose });
    }
  });

  const apps = await deps.db.selectFrom("applications").selectAll().where("tenant_id", "=", tenantId).where("status", "in", [...LIVE]).orderBy("created_at").execute();
  // Screened, then assessed, as the application hooks do when a customer completes a step.
  for (const app of apps) {
    await inTransaction(deps.db, async (trx) => {
      await screenApplicant(trx, deps, app, "before_submit", "system");
      const row = await trx.selectFrom("applications").selectAll().where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).executeTakeFirstOrThrow();
      await assessRisk(trx, deps, row);
    });
  }

  const officer = await deps.db.selectFrom("users").select(["id", "email"]).where("tenant_id", "=", tenantId).where("role", "=", "compliance_officer").orderBy("email").executeTakeFirst();
  let clearPending = 0;
  if (officer) {
    const actor: Actor = { kind: "user", tenantId, id: officer.id, label: officer.email, role: "compliance_officer", scope: "tenant", regionId: null, branchId: null, locale: "en" };
    for (const a of added.filter((x) => x.propose)) {
      const review = await deps.db.selectFrom("compliance_reviews").select("id").where("tenant_id", "=", tenantId).where("application_id", "=", a.id).where("band", "=", "block").where("status", "=", "open").executeTakeFirst();
      if (!review) continue;
      await decideReview(deps, { actor, now: deps.clock.now() }, actor, review.id, {
        decision: "false_positive",
        reason: "Different person: the applicant's passport shows another place of birth; the listed official holds office, the applicant is a retired teacher.",
      });
      clearPending++;
    }
  }
  const reviews = await deps.db.selectFrom("compliance_reviews").select((eb) => eb.fn.countAll<number>().as("n")).where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
  return { screened: apps.length, reviews: Number(reviews.n), clearPending };
}
