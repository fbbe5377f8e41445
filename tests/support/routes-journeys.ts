import type { RouteSpec } from "./routes";

/** Journey analytics operations: event sources (journeys/sources-routes.ts), spread into ROUTES (see routes.ts). */
export const JOURNEYS_ROUTES: Record<string, RouteSpec> = {
  "GET /sources": { need: "sources:manage" },
  "POST /sources": { need: "sources:manage", body: (f) => ({ name: `Matrix source ${f.uniq()}` }) },
  "POST /sources/{id}/rotate": { need: "sources:manage" },
  "POST /sources/{id}/disable": { need: "sources:manage" },
  "POST /sources/{id}/enable": { need: "sources:manage" },
};
