import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../kernel/errors";
import { resolveActor } from "../modules/auth/middleware";
import type { Deps } from "./deps";
import type { AppEnv } from "./env";
import { healthRoutes } from "./health";
import { createLifecycle, type Lifecycle } from "./lifecycle";
import { requireJsonBody } from "./middleware/content-type";
import { rateLimit } from "./middleware/rate-limit";
import { requestContext } from "./middleware/request-context";
import { securityHeaders } from "./middleware/security-headers";
import { mountDocs } from "./docs";
import { problemResponse, toAppError, validationError } from "./problem";
import { mountApiRoutes } from "./routes";
import { mountStatic } from "./static";

/** The routes whose body is not JSON: raw survey file uploads and application documents (own size limits on the routes). */
export const RAW_UPLOAD_PATH = /^\/api\/v1\/(?:public\/(?:responses\/[^/]+\/files|applications\/me\/documents|applications\/me\/identity(?:\/selfie)?)|checks\/document|signing\/(?:seal|verify|templates)|imports)$/;

/**
 * The whole HTTP surface as one Hono app. Tests call `app.request()` on it with no port;
 * `atrium serve` hands the same app to @hono/node-server.
 */
export function createApp(deps: Deps, lifecycle: Lifecycle = createLifecycle()) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target === "json" ? "body" : result.target);
    },
  });

  app.use("*", requestContext(deps.log, deps.config.trustProxy));
  app.use("*", securityHeaders(deps.config.https));
  const tooLarge = (c: Context) => problemResponse(new AppError("payload_too_large", `The body exceeds ${deps.config.bodyLimitBytes} bytes`), c);
  const streamLimit = bodyLimit({ maxSize: deps.config.bodyLimitBytes, onError: tooLarge });
  app.use("/api/*", (c, next) => {
    // Survey file uploads are raw bytes with their own (larger) limit, set on that route.
    if (RAW_UPLOAD_PATH.test(c.req.path)) return next();
    // Decided from the headers when they suffice (Node's parser holds the body to Content-Length):
    // touching the body stream here would make the adapter build a full web Request per call.
    const m = c.req.method;
    if (m === "GET" || m === "HEAD" || m === "OPTIONS") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number.parseInt(length, 10) > deps.config.bodyLimitBytes ? Promise.resolve(tooLarge(c)) : next();
    }
    return streamLimit(c, next);
  });
  app.use("/api/*", requireJsonBody({ exempt: RAW_UPLOAD_PATH }));
  app.use("/api/*", resolveActor(deps));
  app.use("/api/*", rateLimit(deps.config.rateLimitPerMinute));

  app.onError((err, c) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) c.get("log")?.error({ err }, "unhandled error");
    return problemResponse(appErr, c);
  });
  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) {
      return problemResponse(new AppError("not_found", `No route ${c.req.method} ${c.req.path}`), c);
    }
    return c.text("Not found", 404);
  });

  healthRoutes(app, deps, lifecycle);
  mountApiRoutes(app, deps);
  mountDocs(app);
  mountStatic(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
