import type { RouteSpec } from "./routes";

/** Journey analytics operations: event sources (journeys/sources-routes.ts), spread into ROUTES (see routes.ts). */
export const JOURNEYS_ROUTES: Record<string, RouteSpec> = {
  "GET /sources": { need: "sources:manage" },
  "POST /sources": { need: "sources:manage", body: (f) => ({ name: `Matrix source ${f.uniq()}` }) },
  "POST /sources/{id}/rotate": { need: "sources:manage" },
  "POST /sources/{id}/disable": { need: "sources:manage" },
  "POST /sources/{id}/enable": { need: "sources:manage" },
  // Bulk imports (journeys/imports/): reading needs imports:write or sources:manage (every sources:manage role has imports:write).
  "POST /imports": { need: "imports:write" },
  "GET /imports": { need: "imports:write" },
  "GET /imports/{id}": { need: "imports:write" },
  "GET /imports/{id}/report.csv": { need: "imports:write" },
  // The KPI engine (journeys/kpis/): authorization runs before the required query is checked.
  "GET /kpis": { need: "kpis:read" },
  "GET /kpis/compare": { need: "kpis:read" },
  // Journeys, timelines, funnels, journey maps, definitions (journeys/explore/).
  "GET /journeys": { need: "journeys:read" },
  "GET /journeys/{journeyId}": { need: "journeys:read" },
  "GET /customers/{customer}/timeline": { need: "journeys:read" },
  "GET /funnels": { need: "kpis:read" },
  "GET /journey-maps/{product}": { need: "kpis:read" },
  "GET /journey-definitions": { need: "kpis:read" },
  "PUT /journey-definitions/{product}": { need: "journeys:manage", body: () => ({ name: "Matrix definition", milestones: { "matrix.started": "started" }, touchpoints: [{ event: "matrix.*" }], stages: ["started"] }) },
  "DELETE /journey-definitions/{product}": { need: "journeys:manage" },
  "POST /journey-definitions/rebuild": { need: "journeys:manage" },
};
