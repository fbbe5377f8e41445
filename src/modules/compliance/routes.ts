/** Compliance reviews of screening hits (four-eyes), alerts, screening evidence. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function complianceRoutes(_deps: Deps) {
  return new OpenAPIHono<AppEnv>();
}
