import type { RouteSpec } from "./routes";

/** Compliance operations: sanctions and PEP lists (screening/lists-routes.ts), spread into ROUTES (see routes.ts). */
export const LISTS_ROUTES: Record<string, RouteSpec> = {
  "GET /screening/lists": { need: "lists:read" },
  "GET /screening/lists/{listId}/versions": { need: "lists:read" },
};
