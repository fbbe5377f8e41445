/** Risk rules (versioned), compliance settings (screening bands, retention). */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function riskRoutes(_deps: Deps) {
  return new OpenAPIHono<AppEnv>();
}
