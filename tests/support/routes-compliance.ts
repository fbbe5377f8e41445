import type { RouteSpec } from "./routes";

/** Compliance operations: compliance reviews and alerts (compliance/routes.ts), spread into ROUTES (see routes.ts). */
export const COMPLIANCE_ROUTES: Record<string, RouteSpec> = {
  "GET /compliance/reviews": { need: "compliance:read" },
  "GET /compliance/alerts": { need: "compliance:read" },
  "GET /compliance/reviews/{id}": { need: "compliance:read" },
  // Decisions are people's (four-eyes counts people): API keys are refused.
  "POST /compliance/reviews/{id}/decision": { need: "compliance:decide", sessionOnly: true, body: () => ({ decision: "false_positive", reason: "Matrix check" }) },
};
