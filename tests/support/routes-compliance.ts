import type { RouteSpec } from "./routes";

/** Compliance operations: compliance reviews and alerts (compliance/routes.ts), spread into ROUTES (see routes.ts). */
export const COMPLIANCE_ROUTES: Record<string, RouteSpec> = {
  "GET /compliance/reviews": { need: "compliance:read" },
  "GET /compliance/alerts": { need: "compliance:read" },
  "GET /compliance/reviews/{id}": { need: "compliance:read" },
  "POST /compliance/reviews/{id}/decision": { need: "compliance:decide", body: () => ({ decision: "false_positive", reason: "Matrix check" }) },
};
