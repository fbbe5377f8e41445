/** Sanctions and PEP lists: their versions and imports. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function listRoutes(_deps: Deps) {
  return new OpenAPIHono<AppEnv>();
}
