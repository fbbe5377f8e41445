/** Customer documents, payment, welcome checklist (helper C): placeholder until filled in. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function publicDocumentRoutes(_deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  return app;
}
