import type { RouteSpec } from "./routes";

/** Compliance operations: POST /checks/mrz (checks/mrz-routes.ts), spread into ROUTES (see routes.ts). */
export const CHECKS_MRZ_ROUTES: Record<string, RouteSpec> = {
  "POST /checks/mrz": { need: "checks:run", body: () => ({ mrz: "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10" }) },
  // A raw image body: none is given here (an allowed role then gets 400 empty, never 401/403).
  "POST /checks/document": { need: "checks:run" },
};
