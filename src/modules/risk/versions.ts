/**
 * Rule set versions: immutable rows of risk_rule_sets; the newest is active. A bank without any
 * gets the default rule set as version 1 on first read.
 */
import { sql } from "kysely";
import { type Executor, inTransaction, type Trx } from "../../db";
import { AppError, notFound } from "../../kernel/errors";
import { type AuditContext, recordAudit } from "../audit/record";
import { DEFAULT_RULE_SET } from "./default-rules";
import { checkRules, type RuleSet } from "./rules";

export interface RuleSetVersion {
  version: number;
  definition: RuleSet;
  note: string | null;
  publishedAt: string;
  publishedBy: string | null;
}

const LOCK_NS = 4_242_061;

type Row = { version: number; definition: unknown; note: string | null; published_at: Date; published_by: string | null };
const present = (r: Row): RuleSetVersion => ({ version: r.version, definition: r.definition as RuleSet, note: r.note, publishedAt: r.published_at.toISOString(), publishedBy: r.published_by });

/** JSON with object keys sorted: jsonb does not keep key order, so equal definitions compare by this. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

const COLUMNS = ["version", "definition", "note", "published_at", "published_by"] as const;

async function newest(db: Executor, tenantId: string): Promise<Row | undefined> {
  return db.selectFrom("risk_rule_sets").select(COLUMNS).where("tenant_id", "=", tenantId).orderBy("version", "desc").limit(1).executeTakeFirst();
}

/** The active (newest) version; creates version 1 from the default rule set when there is none. */
export async function activeRuleSet(db: Executor, tenantId: string, now: Date): Promise<RuleSetVersion> {
  const row = await newest(db, tenantId);
  if (row) return present(row);
  await db
    .insertInto("risk_rule_sets")
    .values({ tenant_id: tenantId, version: 1, definition: JSON.stringify(DEFAULT_RULE_SET), note: "Default rules", published_at: now, published_by: null })
    .onConflict((oc) => oc.columns(["tenant_id", "version"]).doNothing())
    .execute();
  return present((await newest(db, tenantId)) as Row);
}

export async function ruleSetVersion(db: Executor, tenantId: string, version: number): Promise<RuleSetVersion> {
  const row = await db.selectFrom("risk_rule_sets").select(COLUMNS).where("tenant_id", "=", tenantId).where("version", "=", version).executeTakeFirst();
  if (!row) throw notFound("Rule set version");
  return present(row);
}

export interface RuleSetHistoryItem extends Omit<RuleSetVersion, "definition"> {
  /** The person who saved it (null: the default version, or an API key). */
  publishedByName: string | null;
  rules: number;
}

/** The newest 200 versions, newest first. */
export async function ruleSetHistory(db: Executor, tenantId: string): Promise<RuleSetHistoryItem[]> {
  const rows = await db
    .selectFrom("risk_rule_sets as r")
    .leftJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.published_by"))
    .select(["r.version", "r.note", "r.published_at", "r.published_by", "u.name as user_name", sql<number>`jsonb_array_length(r.definition->'rules')`.as("rules")])
    .where("r.tenant_id", "=", tenantId)
    .orderBy("r.version", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ version: r.version, note: r.note, publishedAt: r.published_at.toISOString(), publishedBy: r.published_by, publishedByName: r.user_name ?? null, rules: Number(r.rules) }));
}

/** The problems as the API reports them: 422 rules_invalid with paths under `base`. */
export function assertRules(definition: unknown, base = "body.definition"): RuleSet {
  const problems = checkRules(definition);
  if (problems.length) {
    const issues = problems.map((p) => ({ path: [base, p.path].filter(Boolean).join("."), code: p.code, message: p.message }));
    throw new AppError("rules_invalid", `The rule set has ${problems.length} problem(s): ${issues.slice(0, 5).map((i) => i.path).join(", ")}`, { issues });
  }
  return definition as RuleSet;
}

/** Saves a new version (n+1) of a valid rule set; an unchanged definition is a 409. Audited. */
export async function publishRuleSet(db: Executor, audit: AuditContext, tenantId: string, input: { definition: unknown; note: string | null }): Promise<RuleSetVersion> {
  const definition = assertRules(input.definition);
  return inTransaction(db, async (trx: Trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_NS}, hashtext(${tenantId}))`.execute(trx);
    const active = await activeRuleSet(trx, tenantId, audit.now);
    if (canonical(active.definition) === canonical(definition)) throw new AppError("conflict", `Nothing changed: this is version ${active.version}`);
    const version = active.version + 1;
    const by = audit.actor && audit.actor.tenantId === tenantId ? audit.actor.id : null;
    const row = await trx
      .insertInto("risk_rule_sets")
      .values({ tenant_id: tenantId, version, definition: JSON.stringify(definition), note: input.note, published_at: audit.now, published_by: by })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, { tenantId, action: "risk.rules_published", subjectType: "risk_rules", subjectId: String(version), data: { version, note: input.note, rules: definition.rules.length } });
    return present(row);
  });
}
