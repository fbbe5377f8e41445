import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../../server/deps";
import type { AppEnv } from "../../../server/env";
import { analysisRoutes } from "./analysis-routes";
import { journeyRoutes } from "./journeys-routes";

/** Journeys, timelines, funnels, journey maps and definitions: one mount in src/server/routes.ts. */
export function exploreRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.route("/", journeyRoutes(deps));
  app.route("/", analysisRoutes(deps));
  return app;
}
