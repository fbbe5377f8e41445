/**
 * assessRisk (contract 5): the active rule set over the application's facts → score, level,
 * reasons; stored on the application with the rule set version and the time.
 *
 * Enhanced due diligence is sticky: once an application was high risk, edd_required stays true
 * even if the level later drops (a cleared screening hit, a corrected answer). The EDD answers may
 * already be given and the reason they were asked for stays part of the file; a bank that wants to
 * waive EDD does so with a decision, not by the score moving back under a threshold.
 */
import type { Trx } from "../../db";
import type { Deps } from "../../server/deps";
import { type ApplicationRow, recordTimeline } from "../onboarding/timeline";
import { type Evaluation, evaluateRules, type Facts } from "./evaluate";
import { gatherFacts } from "./facts";
import { activeRuleSet } from "./versions";

export interface Assessment extends Evaluation {
  rulesVersion: number;
  facts: Facts;
}

/** Evaluates without storing (the editor's "try it" uses it with a draft). */
export async function assessmentOf(trx: Trx, deps: Deps, app: ApplicationRow): Promise<Assessment> {
  const now = deps.clock.now();
  const set = await activeRuleSet(trx, app.tenant_id, now);
  const facts = await gatherFacts(trx, app, now);
  return { ...evaluateRules(set.definition, facts), rulesVersion: set.version, facts };
}

const sameReasons = (a: ApplicationRow["risk_reasons"], b: Evaluation["matched"]) => JSON.stringify(a ?? []) === JSON.stringify(b);

/** True when the stored risk differs from what the row had before (level, score, reasons, version or EDD). */
export const riskChanged = (before: ApplicationRow, after: ApplicationRow): boolean =>
  before.risk !== after.risk ||
  before.risk_score !== after.risk_score ||
  before.risk_rules_version !== after.risk_rules_version ||
  before.edd_required !== after.edd_required ||
  !sameReasons(before.risk_reasons, after.risk_reasons);

export async function assessRisk(trx: Trx, deps: Deps, app: ApplicationRow): Promise<ApplicationRow> {
  const now = deps.clock.now();
  const a = await assessmentOf(trx, deps, app);
  const edd = app.edd_required || a.level === "high";
  const updated = await trx
    .updateTable("applications")
    .set({ risk: a.level, risk_score: a.score, risk_reasons: JSON.stringify(a.matched), risk_rules_version: a.rulesVersion, risk_assessed_at: now, edd_required: edd })
    .where("tenant_id", "=", app.tenant_id)
    .where("id", "=", app.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (app.risk !== a.level || (edd && !app.edd_required)) {
    await recordTimeline(trx, now, updated, {
      type: "risk_assessed",
      actor: "system",
      data: { level: a.level, previous: app.risk, score: a.score, rulesVersion: a.rulesVersion, reasons: a.matched.map((m) => m.rule), eddRequired: edd, eddAdded: edd && !app.edd_required },
    });
  }
  return updated;
}
