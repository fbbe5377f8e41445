import { get, post, request } from "./client";
import type { ComplianceSettings, ComplianceSettingsInput, RiskRuleSet, RiskRuleSetVersion, RiskRules, RiskTestResult } from "./types";

/** Risk rules (risk:read / risk:write) and compliance settings (compliance:read / retention:manage). */
export const risk = {
  rules: () => get<RiskRules>("/risk/rules"),
  save: (definition: RiskRuleSet, note: string) => request<RiskRuleSetVersion>("PUT", "/risk/rules", { body: { definition, ...(note.trim() ? { note: note.trim() } : {}) } }),
  version: (version: number) => get<RiskRuleSetVersion>(`/risk/rules/versions/${version}`),
  test: (applicationId: string, definition?: RiskRuleSet) => post<RiskTestResult>("/risk/rules/test", definition ? { applicationId, definition } : { applicationId }),
  settings: () => get<ComplianceSettings>("/compliance/settings"),
  saveSettings: (body: ComplianceSettingsInput) => request<ComplianceSettings>("PUT", "/compliance/settings", { body }),
};
