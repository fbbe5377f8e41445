import { FLOW_TEMPLATES } from "../../src/modules/onboarding/flow/templates";
import type { RouteSpec } from "./routes";

/** Onboarding operations (flows), spread into ROUTES (see routes.ts for the meaning of each entry). */
export const ONBOARDING_FLOWS_ROUTES: Record<string, RouteSpec> = {
  "GET /products": { need: "flows:read" },
  "GET /flows/{product}": { need: "flows:read" },
  "PUT /flows/{product}/draft": { need: "flows:write", body: () => ({ definition: FLOW_TEMPLATES.checking }) },
  "POST /flows/{product}/publish": { need: "flows:write" },
  "POST /flows/{product}/discard": { need: "flows:write" },
  "PATCH /flows/{product}": { need: "flows:write", body: () => ({ name: "Checking account" }) },
  "GET /flows/{product}/versions/{version}": { need: "flows:read" },
  "GET /public/banks/{slug}/products": { need: "public" },
};
