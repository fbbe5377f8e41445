/** Identity documents: OCR of a data page (staff) and the identity step's customer operations. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function identityRoutes(_deps: Deps) {
  return new OpenAPIHono<AppEnv>();
}
