/** POST /checks/mrz: parse and validate an ICAO 9303 machine-readable zone. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";

export function mrzCheckRoutes(_deps: Deps) {
  return new OpenAPIHono<AppEnv>();
}
