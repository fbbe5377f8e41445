/**
 * A bank's compliance settings: the screening bands (read by the matcher through loadBands) and
 * how many years after the relationship ends each type of record is kept (read by the purge).
 *
 * Every record of an application goes when the application itself is purged (the store deletes
 * them with it), so no other period may be longer than the applications' one: that is refused
 * rather than silently shortened.
 */
import type { Executor } from "../../db";
import type { Bands } from "../../db/schema-compliance";
import { AppError, type FieldIssue } from "../../kernel/errors";
import { type AuditContext, recordAudit } from "../audit/record";
import { bandsProblems, DEFAULT_BANDS } from "../screening/bands";

export const RETENTION_TYPES = ["applications", "checks", "screening", "reviews", "documents"] as const;
export type RetentionType = (typeof RETENTION_TYPES)[number];
export type RetentionYears = Record<RetentionType, number>;
export const DEFAULT_RETENTION_YEARS = 5;
export const RETENTION_LIMITS = { min: 1, max: 50 } as const;

export interface ComplianceSettings {
  bands: Bands;
  retention: RetentionYears;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const defaultRetention = (): RetentionYears => Object.fromEntries(RETENTION_TYPES.map((t) => [t, DEFAULT_RETENTION_YEARS])) as RetentionYears;

function retentionOf(stored: Partial<Record<string, number>> | undefined): RetentionYears {
  const out = defaultRetention();
  for (const t of RETENTION_TYPES) {
    const v = stored?.[t];
    if (Number.isInteger(v) && (v as number) >= RETENTION_LIMITS.min && (v as number) <= RETENTION_LIMITS.max) out[t] = v as number;
  }
  return out;
}

export async function getComplianceSettings(db: Executor, tenantId: string): Promise<ComplianceSettings> {
  const row = await db.selectFrom("compliance_settings").selectAll().where("tenant_id", "=", tenantId).executeTakeFirst();
  if (!row) return { bands: { ...DEFAULT_BANDS }, retention: defaultRetention(), updatedAt: null, updatedBy: null };
  return { bands: { ...DEFAULT_BANDS, ...row.bands }, retention: retentionOf(row.retention), updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by };
}

/** Problems with paths relative to the settings (`bands.review`, `retention.checks`). */
export function settingsProblems(s: { bands: Bands; retention: RetentionYears }): FieldIssue[] {
  const out: FieldIssue[] = bandsProblems(s.bands).map((p) => ({ ...p, code: p.path === "bands" ? "bands_order" : "invalid_value" }));
  for (const t of RETENTION_TYPES) {
    const v = s.retention[t];
    if (!(Number.isInteger(v) && v >= RETENTION_LIMITS.min && v <= RETENTION_LIMITS.max)) out.push({ path: `retention.${t}`, code: "invalid_value", message: `must be a whole number of years from ${RETENTION_LIMITS.min} to ${RETENTION_LIMITS.max}` });
  }
  for (const t of RETENTION_TYPES) {
    if (t !== "applications" && s.retention[t] > s.retention.applications) {
      out.push({ path: `retention.${t}`, code: "longer_than_applications", message: `is longer than applications (${s.retention.applications} years): an application's records are purged with it`, params: { maximum: s.retention.applications } });
    }
  }
  return out;
}

export async function saveComplianceSettings(db: Executor, audit: AuditContext, tenantId: string, s: { bands: Bands; retention: RetentionYears }): Promise<ComplianceSettings> {
  const problems = settingsProblems(s);
  if (problems.length) {
    const issues = problems.map((p) => ({ ...p, path: `body.${p.path}` }));
    throw new AppError("validation_failed", `The settings have ${issues.length} problem(s): ${issues.map((i) => i.path).join(", ")}`, { issues });
  }
  const before = await getComplianceSettings(db, tenantId);
  const by = audit.actor && audit.actor.tenantId === tenantId ? audit.actor.id : null;
  const values = { bands: JSON.stringify(s.bands), retention: JSON.stringify(s.retention), updated_at: audit.now, updated_by: by };
  await db
    .insertInto("compliance_settings")
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet(values))
    .execute();
  await recordAudit(db, audit, { tenantId, action: "compliance.settings_changed", subjectType: "compliance_settings", subjectId: tenantId, data: { before: { bands: before.bands, retention: before.retention }, after: s } });
  return getComplianceSettings(db, tenantId);
}
