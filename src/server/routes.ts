import type { OpenAPIHono } from "@hono/zod-openapi";
import { auditRoutes } from "../modules/audit/routes";
import { authRoutes } from "../modules/auth/routes";
import { apiKeyRoutes } from "../modules/auth/apikeys-routes";
import { notificationRoutes } from "../modules/notifications/routes";
import { jobRoutes } from "../jobs/routes";
import { orgRoutes } from "../modules/tenancy/org-routes";
import { userRoutes } from "../modules/tenancy/user-routes";
import type { Deps } from "./deps";
import type { AppEnv } from "./env";

/** The mount table: one line per module's routes, all under /api/v1. */
export function mountApiRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  app.route("/api/v1", authRoutes(deps));
  app.route("/api/v1", apiKeyRoutes(deps));
  app.route("/api/v1", orgRoutes(deps));
  app.route("/api/v1", userRoutes(deps));
  app.route("/api/v1", auditRoutes(deps));
  app.route("/api/v1", jobRoutes(deps));
  app.route("/api/v1", notificationRoutes(deps));
}
