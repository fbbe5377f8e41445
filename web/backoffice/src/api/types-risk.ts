/**
 * Risk rules and compliance settings (see src/modules/risk/routes.ts and schemas.ts): part of the
 * /api/v1 contract. The rule set format itself is shared with the server (src/modules/risk/rules.ts).
 */
import type { RiskCondition, RiskRule, RuleSet } from "../../../../src/modules/risk/rules";

export type { RiskCondition, RiskRule, RuleSet as RiskRuleSet };
export type RiskLevel = "low" | "medium" | "high";

export interface RiskRuleSetVersion {
  version: number;
  definition: RuleSet;
  note: string | null;
  publishedAt: string;
  publishedBy: string | null;
}

export interface RiskRuleSetHistoryItem {
  version: number;
  note: string | null;
  publishedAt: string;
  publishedBy: string | null;
  publishedByName: string | null;
  rules: number;
}

export interface RiskFact {
  name: string;
  type: "string" | "number" | "boolean" | "country";
  values: string[] | null;
  description: string;
}

export interface RiskRules {
  active: RiskRuleSetVersion;
  versions: RiskRuleSetHistoryItem[];
  facts: RiskFact[];
}

export interface RiskMatchedRule {
  rule: string;
  label: string;
  points: number;
}

export interface RiskTestResult {
  rulesVersion: number | null;
  score: number;
  level: RiskLevel;
  eddRequired: boolean;
  matched: RiskMatchedRule[];
  facts: Record<string, string | number | boolean | null>;
}

export interface ScreeningBands {
  block: number;
  review: number;
  edd: number;
}

export const RETENTION_TYPES = ["applications", "checks", "screening", "reviews", "documents"] as const;
export type RetentionType = (typeof RETENTION_TYPES)[number];
export type RetentionYears = Record<RetentionType, number>;

export interface ComplianceSettings {
  bands: ScreeningBands;
  retention: RetentionYears;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ComplianceSettingsInput {
  bands: ScreeningBands;
  retention: RetentionYears;
}
