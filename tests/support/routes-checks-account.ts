import type { RouteSpec } from "./routes";

/** Compliance operations: account and contact checks (checks/account-routes.ts), spread into ROUTES (see routes.ts). */
export const CHECKS_ACCOUNT_ROUTES: Record<string, RouteSpec> = {
  "POST /checks/iban": { need: "checks:run", body: () => ({ iban: "DE89 3704 0044 0532 0130 00" }) },
  "POST /checks/bic": { need: "checks:run", body: () => ({ bic: "DEUTDEFF500" }) },
  "POST /checks/phone": { need: "checks:run", body: () => ({ phone: "+972 50 765 4321" }) },
  "POST /checks/email": { need: "checks:run", body: () => ({ email: "dana@example.com" }) },
};
