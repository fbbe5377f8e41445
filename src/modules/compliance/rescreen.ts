/**
 * Re-screening when a list changes: every subject whose last screened list version differs from
 * the active one is screened again, in batches, one transaction per batch. Resumable by design: a
 * batch that committed is not selected again, so a stopped job picks up where it stopped.
 * Customers whose relationship ended (application rejected, cancelled or abandoned) are not
 * re-screened. New hits open reviews of origin "rescreen"; at the end of the run each bank's
 * compliance officers get one email summarising that bank's new hits.
 */
import { sql } from "kysely";
import { inTransaction, type Trx } from "../../db";
import type { Bands } from "../../db/schema-compliance";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { assessRisk } from "../risk/assess";
import { loadBands } from "../screening/bands";
import { checkScreeningName } from "../screening/normalise";
import { activeIndex } from "../screening/screen";
import { alertOfficers } from "./alerts";
import { checkKinds, writeScreeningChecks } from "./checks";
import { sanctionsTrueMatch } from "./holds";
import { inputDigest, PROVIDER, type ReviewRow, recordScreening, type SubjectRow } from "./subjects";

export interface RescreenStats {
  listVersion: string | null;
  screened: number;
  withHits: number;
  newReviews: number;
  alerted: number;
  batches: number;
}

const ENDED = ["rejected", "cancelled", "abandoned"] as const;

/** Marks subjects whose application ended, so they leave re-screening (and retention counts from then). */
async function markEnded(trx: Trx, tenantId: string | undefined, now: Date): Promise<void> {
  await sql`
    update screening_subjects s
       set relationship_ended_at = coalesce(a.decided_at, a.abandoned_at, a.updated_at, ${now})
      from applications a
     where a.tenant_id = s.tenant_id and a.id = s.application_id
       and s.relationship_ended_at is null
       and a.status in (${sql.join(ENDED.map((s) => sql.lit(s)))})
       ${tenantId ? sql`and s.tenant_id = ${tenantId}` : sql``}`.execute(trx);
}

type Screen = Awaited<ReturnType<typeof activeIndex>>;

async function screenBatch(trx: Trx, deps: Deps, index: Screen, subjects: SubjectRow[], bandsOf: (t: string) => Promise<Bands>, stats: RescreenStats, opened: Map<string, ReviewRow[]>) {
  const now = deps.clock.now();
  const quiet: Array<{ s: SubjectRow; digest: string }> = [];
  for (const s of subjects) {
    const q = { name: s.name, ...(s.birth_date ? { birthDate: s.birth_date } : {}), ...(s.nationality ? { country: s.nationality } : {}) };
    const digest = inputDigest({ name: s.name, birthDate: s.birth_date, nationality: s.nationality, country: null });
    const matches = checkScreeningName(s.name) ? [] : index.screen(q, await bandsOf(s.tenant_id));
    stats.screened++;
    // The common case (no hit, nothing outstanding) is written in bulk below.
    if (!matches.length && s.status === "clear") {
      quiet.push({ s, digest });
      continue;
    }
    if (matches.length) stats.withHits++;
    const record = await recordScreening(trx, { subject: s, applicationId: s.application_id, reason: "rescreen", actor: "system", digest, listVersion: index.listVersion, matches, now });
    if (record.opened.length) opened.set(s.tenant_id, [...(opened.get(s.tenant_id) ?? []), ...record.opened]);
    if (s.application_id) {
      const app = { tenant_id: s.tenant_id, id: s.application_id };
      const trueMatch = record.subject.status === "true_match" && (await sanctionsTrueMatch(trx, s.tenant_id, s.id));
      await writeScreeningChecks(trx, { app, record, digest, actor: "system", now, trueMatch, kinds: await checkKinds(trx, app, record.hits) });
      // A new hit changes the application's risk now, not at its next step.
      const row = await trx.selectFrom("applications").selectAll().where("tenant_id", "=", s.tenant_id).where("id", "=", s.application_id).executeTakeFirst();
      if (row) await assessRisk(trx, deps, row);
    }
  }
  if (quiet.length) {
    await trx
      .insertInto("screening_results")
      .values(
        quiet.map(({ s, digest }) => ({
          tenant_id: s.tenant_id,
          id: newId(),
          subject_id: s.id,
          application_id: s.application_id,
          reason: "rescreen" as const,
          input_digest: digest,
          provider: PROVIDER,
          list_version: index.listVersion,
          actor: "system",
          screened_at: now,
          top_score: 0,
          band: "clear" as const,
        })),
      )
      .execute();
    await trx
      .updateTable("screening_subjects")
      .set({ last_list_version: index.listVersion, last_screened_at: now })
      // Tenant first, so the primary key (tenant_id, id) serves it: the job works across tenants.
      .where("tenant_id", "in", [...new Set(quiet.map(({ s }) => s.tenant_id))])
      .where("id", "in", quiet.map(({ s }) => s.id))
      .execute();
  }
}

export async function rescreen(deps: Deps, opts: { tenantId?: string; batch?: number; maxBatches?: number } = {}): Promise<RescreenStats> {
  const batch = opts.batch ?? 500;
  const index = await activeIndex(deps.db);
  const stats: RescreenStats = { listVersion: index.listVersion || null, screened: 0, withHits: 0, newReviews: 0, alerted: 0, batches: 0 };
  if (!index.listVersion) return stats;
  const bands = new Map<string, Bands>();
  const newByTenant = new Map<string, ReviewRow[]>();
  await inTransaction(deps.db, (trx) => markEnded(trx, opts.tenantId, deps.clock.now()));
  for (;;) {
    if (opts.maxBatches !== undefined && stats.batches >= opts.maxBatches) break;
    const opened = new Map<string, ReviewRow[]>();
    const n = await inTransaction(deps.db, async (trx) => {
      let q = trx
        .selectFrom("screening_subjects")
        .selectAll()
        .where((eb) => eb.or([eb("last_list_version", "is", null), eb("last_list_version", "!=", index.listVersion)]))
        .where("relationship_ended_at", "is", null);
      if (opts.tenantId) q = q.where("tenant_id", "=", opts.tenantId);
      const subjects = await q.orderBy("tenant_id").orderBy("id").limit(batch).forUpdate().skipLocked().execute();
      const bandsOf = async (t: string) => {
        const known = bands.get(t);
        if (known) return known;
        const loaded = await loadBands(trx, t);
        bands.set(t, loaded);
        return loaded;
      };
      await screenBatch(trx, deps, index, subjects, bandsOf, stats, opened);
      return subjects.length;
    });
    for (const [tenantId, reviews] of opened) newByTenant.set(tenantId, [...(newByTenant.get(tenantId) ?? []), ...reviews]);
    if (n > 0) stats.batches++;
    if (n < batch) break;
  }
  // One alert per bank and run, not per batch. Should the run stop before this, the reviews are
  // still in the queue and in GET /compliance/alerts: only the email is missed.
  for (const [tenantId, reviews] of newByTenant) {
    stats.newReviews += reviews.length;
    stats.alerted += await inTransaction(deps.db, (trx) => alertOfficers(trx, deps, tenantId, reviews, deps.clock.now()));
  }
  return stats;
}
