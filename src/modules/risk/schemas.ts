/** API schemas of risk rules and compliance settings (routes.ts); the rule set format is rules.ts. */
import { z } from "../../server/openapi";
import type { RiskCondition } from "./rules";
import { FACTS, RISK_LOCALES, RULE_LIMITS } from "./rules";
import { RETENTION_LIMITS, RETENTION_TYPES } from "./settings";

const Condition = z
  .custom<RiskCondition>((v) => typeof v === "object" && v !== null && !Array.isArray(v), { message: "must be a condition object" })
  .openapi("RiskCondition", {
    type: "object",
    description:
      "`{ all: [Condition] }`, `{ any: [Condition] }`, `{ not: Condition }`, `{ fact, op, value }` (equals, not_equals, gt, gte, lt, lte, in, not_in), `{ fact, op: in|not_in, list }` (a list of the rule set) or `{ fact, op }` (is_empty, not_empty, is_true, is_false). " +
      `Facts: ${Object.keys(FACTS).join(", ")}, answers.<fieldId>.`,
  });

const Label = z.record(z.string(), z.string()).openapi("RiskRuleLabel", { description: `The rule's reason per language (${RISK_LOCALES.join(", ")}); English is required` });

export const RiskRule = z
  .object({
    id: z.string().max(64).openapi({ description: "Lower case letters, digits and _; unique in the rule set" }),
    label: Label,
    points: z.number().int().openapi({ description: `Added to the score when the rule matches (-${RULE_LIMITS.points}…${RULE_LIMITS.points})` }),
    when: Condition,
  })
  .openapi("RiskRule");

export const RuleSet = z
  .object({
    thresholds: z.object({ medium: z.number().int(), high: z.number().int() }).openapi({ description: "Score (0–100) at or above which the level is medium / high; medium < high" }),
    lists: z.record(z.string(), z.array(z.string())).optional().openapi({ description: 'Named lists for `in` / `not_in` conditions, e.g. { "high_risk_countries": ["IR", "KP"] }' }),
    rules: z.array(RiskRule).max(RULE_LIMITS.rules),
  })
  .openapi("RiskRuleSet", { description: "Score = the points of every matching rule, within 0–100; high risk adds the enhanced-due-diligence steps" });

export const RuleSetVersion = z
  .object({ version: z.number().int(), definition: RuleSet, note: z.string().nullable(), publishedAt: z.string(), publishedBy: z.string().nullable() })
  .openapi("RiskRuleSetVersion");

export const RuleSetHistoryItem = z
  .object({ version: z.number().int(), note: z.string().nullable(), publishedAt: z.string(), publishedBy: z.string().nullable(), publishedByName: z.string().nullable(), rules: z.number().int() })
  .openapi("RiskRuleSetHistoryItem");

export const Fact = z
  .object({ name: z.string(), type: z.enum(["string", "number", "boolean", "country"]), values: z.array(z.string()).nullable(), description: z.string() })
  .openapi("RiskFact");

export const RiskRules = z.object({ active: RuleSetVersion, versions: z.array(RuleSetHistoryItem), facts: z.array(Fact) }).openapi("RiskRules");

export const PutRules = z.strictObject({ definition: RuleSet, note: z.string().trim().max(500).optional() }).openapi("PutRiskRules");

export const MatchedRule = z.object({ rule: z.string(), label: z.string(), points: z.number().int() }).openapi("RiskMatchedRule");
export const RiskLevel = z.enum(["low", "medium", "high"]).openapi("RiskLevel");

export const TestRules = z.strictObject({ definition: RuleSet.optional().openapi({ description: "A draft to try; without it the active version" }), applicationId: z.uuid() }).openapi("TestRiskRules");
export const TestResult = z
  .object({
    rulesVersion: z.number().int().nullable().openapi({ description: "The version evaluated; null for a draft" }),
    score: z.number().int(),
    level: RiskLevel,
    eddRequired: z.boolean().openapi({ description: "Whether the application would need enhanced due diligence (it stays required once it was)" }),
    matched: z.array(MatchedRule),
    facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .openapi("RiskTestResult");

const Years = z.number().int().min(RETENTION_LIMITS.min).max(RETENTION_LIMITS.max);
const retentionShape = Object.fromEntries(RETENTION_TYPES.map((t) => [t, Years])) as Record<(typeof RETENTION_TYPES)[number], typeof Years>;
export const Bands = z.object({ block: z.number(), review: z.number(), edd: z.number() }).openapi("ScreeningBands", { description: "Score thresholds (0–1]: block > review > edd" });
export const Retention = z
  .object(retentionShape)
  .openapi("RetentionYears", { description: "Years each record type is kept after the relationship ends (1–50; none longer than applications)" });
export const SettingsInput = z.strictObject({ bands: z.strictObject({ block: z.number(), review: z.number(), edd: z.number() }), retention: z.strictObject(retentionShape) }).openapi("PutComplianceSettings");
export const Settings = z.object({ bands: Bands, retention: Retention, updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }).openapi("ComplianceSettings");
