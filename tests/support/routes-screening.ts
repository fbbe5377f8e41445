import type { RouteSpec } from "./routes";

/** Compliance operations: screening search (screening/search-routes.ts), spread into ROUTES (see routes.ts). */
export const SCREENING_ROUTES: Record<string, RouteSpec> = {
  "POST /screening/search": { need: "screening:search", body: () => ({ name: "Matrix Person" }) },
  "GET /screening/entries/{listId}/{entryId}": { need: "screening:search" },
};
