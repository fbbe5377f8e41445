/** POST /screening/search: one name against the active lists. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function screeningSearchRoutes(_deps: Deps) {
  return new OpenAPIHono<AppEnv>();
}
