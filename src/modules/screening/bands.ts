/** Screening bands: the score thresholds of each bank (compliance_settings), with the defaults. */
import type { Executor } from "../../db";
import type { Band, Bands } from "../../db/schema-compliance";

export const DEFAULT_BANDS: Bands = { block: 0.95, review: 0.85, edd: 0.7 };

export function bandOf(score: number, bands: Bands): Band {
  if (score >= bands.block) return "block";
  if (score >= bands.review) return "review";
  if (score >= bands.edd) return "edd";
  return "clear";
}

/** Bands must be ordered block > review > edd, each in (0, 1]. */
export function bandsProblems(b: Bands): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  for (const k of ["block", "review", "edd"] as const) {
    if (!(typeof b[k] === "number" && b[k] > 0 && b[k] <= 1)) out.push({ path: `bands.${k}`, message: "must be a number above 0 and at most 1" });
  }
  if (!out.length && !(b.block > b.review && b.review > b.edd)) out.push({ path: "bands", message: "must be ordered: block above review above edd" });
  return out;
}

export async function loadBands(db: Executor, tenantId: string): Promise<Bands> {
  const row = await db.selectFrom("compliance_settings").select("bands").where("tenant_id", "=", tenantId).executeTakeFirst();
  return row ? { ...DEFAULT_BANDS, ...row.bands } : DEFAULT_BANDS;
}
