/** Applications for staff (helper B): placeholder until filled in. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function applicationRoutes(_deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  return app;
}
