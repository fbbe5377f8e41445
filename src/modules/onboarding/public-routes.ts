/** The customer's application API (helper B): placeholder until filled in. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function publicApplicationRoutes(_deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  return app;
}
