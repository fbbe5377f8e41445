import type { OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "kysely";
import { migrations } from "../db/migrate";
import type { Deps } from "./deps";
import type { AppEnv } from "./env";
import type { Lifecycle } from "./lifecycle";

/** /healthz: the process answers. /readyz: the store answers and is migrated, and we are not draining. */
export function healthRoutes(app: OpenAPIHono<AppEnv>, deps: Deps, lifecycle: Lifecycle) {
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    if (lifecycle.draining) return c.json({ status: "draining" }, 503);
    try {
      const row = await sql<{ n: number }>`select count(*)::int as n from atrium_migrations`.execute(deps.db);
      const applied = row.rows[0]?.n ?? 0;
      if (applied < migrations.length) return c.json({ status: "migrating", applied, expected: migrations.length }, 503);
      return c.json({ status: "ready", store: deps.storeKind });
    } catch {
      return c.json({ status: "store_unavailable" }, 503);
    }
  });
}
