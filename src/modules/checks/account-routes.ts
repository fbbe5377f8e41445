/** POST /checks/iban, /checks/bic, /checks/phone, /checks/email: account and contact data checks. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function accountCheckRoutes(_deps: Deps) {
  return new OpenAPIHono<AppEnv>();
}
