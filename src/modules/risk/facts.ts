/**
 * The facts risk rules read (rules.ts FACTS), gathered from the application, its answers, the
 * applicant as compliance knows them (applicantOf: document first, then answers) and the latest
 * application_checks row of each kind.
 */
import type { Executor } from "../../db";
import { applicantOf } from "../compliance/applicant";
import type { ApplicationRow } from "../onboarding/timeline";
import type { FactValue, Facts } from "./evaluate";
import { CHECK_KINDS } from "./rules";

type Details = Record<string, unknown>;
const BAND_ORDER = ["clear", "edd", "review", "block"] as const;

/** Whole years between a birth date ("YYYY-MM-DD") and today (UTC). */
export function ageOn(birthDate: string, today: Date): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < mo || (today.getUTCMonth() + 1 === mo && today.getUTCDate() < d)) age -= 1;
  return age;
}

/**
 * The highest band a screening check recorded: a confirmed true match is block; else details.band /
 * topBand; else the bands of its matches, leaving out hits a compliance officer already cleared as
 * false positives. No list loaded (no list version) is "none": nothing is known either way.
 */
export function bandOfCheck(details: Details, listVersion: string | null): string {
  if (details.trueMatch === true) return "block";
  for (const k of ["band", "topBand"]) if (typeof details[k] === "string" && (BAND_ORDER as readonly string[]).includes(details[k] as string)) return details[k] as string;
  if (!listVersion) return "none";
  const matches = Array.isArray(details.matches) ? (details.matches as Array<{ band?: unknown; handling?: unknown }>) : [];
  let best = 0;
  for (const m of matches) if (m?.handling !== "cleared") best = Math.max(best, BAND_ORDER.indexOf(m?.band as (typeof BAND_ORDER)[number]));
  return BAND_ORDER[best] as string;
}

/** Differences the cross-check found: details.mismatches (count or list), else its reasons whose code ends in _mismatch. */
export function mismatchesOf(details: Details): number {
  if (typeof details.mismatches === "number") return details.mismatches;
  if (Array.isArray(details.mismatches)) return details.mismatches.length;
  const reasons = Array.isArray(details.reasons) ? (details.reasons as Array<{ code?: unknown } | string>) : [];
  return reasons.filter((r) => /_mismatch$/.test(typeof r === "string" ? r : String(r?.code ?? ""))).length;
}

const reasonCodes = (details: Details): string[] =>
  (Array.isArray(details.reasons) ? (details.reasons as Array<{ code?: unknown } | string>) : []).map((r) => (typeof r === "string" ? r : String(r?.code ?? "")));

/** Money and income answers ("1250.50") become numbers; other scalars stay; objects and lists are left out. */
function answerFacts(answers: Record<string, unknown>): Facts {
  const out: Facts = {};
  for (const [k, v] of Object.entries(answers)) {
    if (typeof v === "string") out[`answers.${k}`] = /^-?\d{1,15}(\.\d{1,2})?$/.test(v) ? Number(v) : v;
    else if (typeof v === "number" || typeof v === "boolean") out[`answers.${k}`] = v;
    else if (Array.isArray(v)) out[`answers.${k}`] = v.length > 0 ? v.length : null;
  }
  return out;
}

export async function gatherFacts(db: Executor, app: ApplicationRow, now: Date): Promise<Facts> {
  const applicant = await applicantOf(db, app);
  const rows = await db
    .selectFrom("application_checks")
    .select(["kind", "outcome", "details", "list_version"])
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("kind", "in", [...CHECK_KINDS])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const latest = new Map<string, { outcome: string; details: Details; listVersion: string | null }>();
  for (const r of rows) if (!latest.has(r.kind)) latest.set(r.kind, { outcome: r.outcome, details: (r.details ?? {}) as Details, listVersion: r.list_version });

  const facts: Facts = {
    product: app.product,
    channel: app.channel,
    language: app.language,
    "applicant.age": applicant.birthDate ? ageOn(applicant.birthDate, now) : null,
    "applicant.nationality": applicant.nationality,
    "applicant.country": applicant.country,
    "payment.status": app.payment_status ?? "none",
  };
  for (const kind of CHECK_KINDS) facts[`checks.${kind}.outcome`] = latest.get(kind)?.outcome ?? "none";
  for (const kind of ["sanctions", "pep"] as const) {
    const c = latest.get(kind);
    facts[`checks.${kind}.band`] = c ? bandOfCheck(c.details, c.listVersion) : "none";
  }
  const cross = latest.get("identity_crosscheck");
  facts["identity.mismatches"] = cross ? mismatchesOf(cross.details) : 0;
  const doc = latest.get("identity_document");
  const expiry = (doc?.details.mrz as { fields?: { expiryDate?: unknown } } | undefined)?.fields?.expiryDate;
  const expired: FactValue = cross && reasonCodes(cross.details).includes("document_expired") ? true : typeof expiry === "string" ? expiry < now.toISOString().slice(0, 10) : null;
  facts["identity.document_expired"] = expired ?? false;
  return { ...answerFacts((app.answers ?? {}) as Record<string, unknown>), ...facts };
}
