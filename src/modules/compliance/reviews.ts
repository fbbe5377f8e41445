/**
 * The compliance review queue and one review with its evidence. Reviews are the bank's (tenant)
 * whole: compliance work is not split by branch or region. The queue puts waiting work first
 * (clear-pending, then open), oldest first; the cursor is the row's sort key.
 */
import { type SqlBool, sql } from "kysely";
import type { Executor } from "../../db";
import type { Band, ReviewStatus } from "../../db/schema-compliance";
import { type Actor, can } from "../../kernel/access";
import { notFound } from "../../kernel/errors";
import { z } from "../../server/openapi";
import { decodeCursor, paginate } from "../../server/pagination";
import type { ReviewRow } from "./subjects";

export const REVIEW_STATUSES = ["open", "clear_pending", "true_match", "false_positive"] as const;
export const REVIEW_BANDS = ["block", "review", "edd"] as const;
export const REVIEW_ORIGINS = ["onboarding", "rescreen", "manual"] as const;

export interface ReviewFilters {
  status?: ReviewStatus[];
  band?: Exclude<Band, "clear">;
  origin?: "onboarding" | "rescreen" | "manual";
  applicationId?: string;
  cursor?: string;
  limit: number;
}

const Cursor = z.tuple([z.number().int().min(0).max(2), z.string().max(40), z.uuid()]);
const RANK = sql<number>`(case r.status when 'clear_pending' then 0 when 'open' then 1 else 2 end)`;

type Joined = ReviewRow & {
  list_name: string | null;
  list_kind: string | null;
  subject_name: string;
  subject_key: string;
  subject_birth_date: string | null;
  subject_nationality: string | null;
  subject_status: string;
  reference: string | null;
  customer_name: string | null;
  application_status: string | null;
  first_by_name: string | null;
  decided_by_name: string | null;
};

function baseQuery(db: Executor, tenantId: string) {
  return db
    .selectFrom("compliance_reviews as r")
    .innerJoin("screening_subjects as s", (j) => j.onRef("s.tenant_id", "=", "r.tenant_id").onRef("s.id", "=", "r.subject_id"))
    .leftJoin("screening_lists as l", "l.id", "r.list_id")
    .leftJoin("applications as a", (j) => j.onRef("a.tenant_id", "=", "r.tenant_id").onRef("a.id", "=", "r.application_id"))
    .leftJoin("users as fb", (j) => j.onRef("fb.tenant_id", "=", "r.tenant_id").onRef("fb.id", "=", "r.first_by"))
    .leftJoin("users as db", (j) => j.onRef("db.tenant_id", "=", "r.tenant_id").onRef("db.id", "=", "r.decided_by"))
    .selectAll("r")
    .select([
      "l.name as list_name",
      "l.kind as list_kind",
      "s.name as subject_name",
      "s.subject_key",
      "s.birth_date as subject_birth_date",
      "s.nationality as subject_nationality",
      "s.status as subject_status",
      "a.reference",
      "a.customer_name",
      "a.status as application_status",
      "fb.name as first_by_name",
      "db.name as decided_by_name",
    ])
    .where("r.tenant_id", "=", tenantId);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the actor may do with the review now (the UI offers only these). */
export function reviewActions(actor: Actor, r: Pick<ReviewRow, "status" | "first_by">): Array<"decide" | "confirm"> {
  if (!can(actor, "compliance:decide")) return [];
  if (r.status === "open") return ["decide"];
  if (r.status === "clear_pending" && r.first_by !== actor.id) return ["confirm"];
  return [];
}

function present(actor: Actor, r: Joined, now: Date) {
  return {
    id: r.id,
    status: r.status,
    band: r.band,
    origin: r.origin,
    score: r.score,
    list: { id: r.list_id, name: r.list_name ?? r.list_id, kind: (r.list_kind ?? "sanctions") as "sanctions" | "pep" },
    entryId: r.entry_id,
    entryName: r.entry_name,
    subject: { id: r.subject_id, name: r.subject_name, birthDate: r.subject_birth_date, nationality: r.subject_nationality, status: r.subject_status as "clear" },
    application: r.application_id ? { id: r.application_id, reference: r.reference ?? "", customerName: r.customer_name ?? "", status: r.application_status ?? "" } : null,
    proposal: r.first_by ? { decision: "false_positive" as const, reason: r.first_reason ?? "", by: { id: r.first_by, name: r.first_by_name ?? "" }, at: iso(r.first_at) ?? "" } : null,
    decision: r.decided_by && r.decision ? { decision: r.decision as "true_match" | "false_positive", reason: r.reason ?? "", by: { id: r.decided_by, name: r.decided_by_name ?? "" }, at: iso(r.decided_at) ?? "" } : null,
    needsSecondOfficer: r.status === "clear_pending",
    actions: reviewActions(actor, r),
    createdAt: r.created_at.toISOString(),
    ageHours: Math.max(0, Math.floor((now.getTime() - r.created_at.getTime()) / 3_600_000)),
  };
}
export type ReviewItem = ReturnType<typeof present>;

export async function listReviews(db: Executor, actor: Actor, f: ReviewFilters, now: Date) {
  const after = decodeCursor(f.cursor, Cursor);
  let q = baseQuery(db, actor.tenantId).select(sql<number>`${RANK}`.as("rank"));
  if (f.status?.length) q = q.where("r.status", "in", f.status);
  if (f.band) q = q.where("r.band", "=", f.band);
  if (f.origin) q = q.where("r.origin", "=", f.origin);
  if (f.applicationId) q = q.where("r.application_id", "=", f.applicationId);
  if (after) {
    const [rank, at, id] = after;
    q = q.where(sql<SqlBool>`(${RANK}, r.created_at, r.id) > (${rank}, ${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = (await q.orderBy(RANK).orderBy("r.created_at").orderBy("r.id").limit(f.limit + 1).execute()) as Array<Joined & { rank: number }>;
  const page = paginate(rows, f.limit, (r) => [Number(r.rank), r.created_at.toISOString(), r.id]);
  return { items: page.items.map((r) => present(actor, r, now)), nextCursor: page.nextCursor };
}

/** One review: the hit, the list entry as that list version gives it, the subject, the evidence, the history. */
export async function reviewDetail(db: Executor, actor: Actor, id: string, now: Date) {
  const row = (await baseQuery(db, actor.tenantId).where("r.id", "=", id).executeTakeFirst()) as Joined | undefined;
  if (!row) throw notFound("Review");
  const result = await db.selectFrom("screening_results").selectAll().where("tenant_id", "=", row.tenant_id).where("id", "=", row.result_id).executeTakeFirstOrThrow();
  const match = result.matches.find((m) => m.list === row.list_id && m.entryId === row.entry_id);
  const version = match?.listVersion ?? null;
  const entry = version === null ? undefined : await db.selectFrom("screening_entries").selectAll().where("list_id", "=", row.list_id).where("version", "=", version).where("entry_id", "=", row.entry_id).executeTakeFirst();
  const history = await db
    .selectFrom("audit_log")
    .select(["at", "action", "actor_type", "actor_label", "data"])
    .where("tenant_id", "=", row.tenant_id)
    .where("subject_type", "=", "compliance_review")
    .where("subject_id", "=", row.id)
    .orderBy("seq")
    .execute();
  return {
    ...present(actor, row, now),
    matchedName: match?.matchedName ?? row.entry_name,
    listVersion: version,
    entry: entry
      ? { kind: entry.kind, name: entry.name, aliases: entry.aliases, birthDates: entry.birth_dates, nationalities: entry.nationalities, programs: entry.programs, details: entry.details as Record<string, unknown> }
      : null,
    evidence: {
      resultId: result.id,
      reason: result.reason,
      inputDigest: result.input_digest,
      provider: result.provider,
      listVersion: result.list_version,
      actor: result.actor,
      screenedAt: result.screened_at.toISOString(),
      topScore: result.top_score,
      band: result.band,
      matches: result.matches,
    },
    history: history.map((h) => ({ at: h.at.toISOString(), action: h.action, actor: h.actor_label ?? h.actor_type, data: h.data as Record<string, unknown> })),
  };
}
export type ReviewDetail = Awaited<ReturnType<typeof reviewDetail>>;
