import { randomUUID } from "node:crypto";
import { DEFAULT_RULE_SET } from "../../src/modules/risk/default-rules";
import type { RouteSpec } from "./routes";

/** Compliance operations: risk rules, compliance settings, retention (risk/routes.ts), spread into ROUTES (see routes.ts). */
export const RISK_ROUTES: Record<string, RouteSpec> = {
  "GET /risk/rules": { need: "risk:read" },
  // A changed copy each time, so a second save by another role is a new version, not a 409.
  "PUT /risk/rules": { need: "risk:write", body: (f) => ({ definition: { ...DEFAULT_RULE_SET, thresholds: { medium: 30, high: 60 + (Number.parseInt(f.uniq(), 16) % 30) } }, note: "Matrix check" }) },
  "GET /risk/rules/versions/{version}": { need: "risk:read" },
  "POST /risk/rules/test": { need: "risk:read", body: () => ({ applicationId: randomUUID() }) },
  // GET is compliance:read or retention:manage: both are held by the same roles.
  "GET /compliance/settings": { need: "compliance:read" },
  "PUT /compliance/settings": { need: "retention:manage", body: () => ({ bands: { block: 0.95, review: 0.85, edd: 0.7 }, retention: { applications: 5, checks: 5, screening: 5, reviews: 5, documents: 5 } }) },
};
