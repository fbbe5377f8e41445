import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import { newId } from "../../kernel/ids";
import type { AppEnv } from "../env";

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Request id (taken from X-Request-Id when sane), a child logger carrying it, and the client IP. */
export function requestContext(log: Logger, trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : newId();
    c.set("requestId", requestId);
    c.set("log", log.child({ requestId }));
    c.set("ip", clientIp(c, trustProxy));
    c.set("actor", null);
    c.set("sessionId", null);
    c.set("authProblem", null);
    c.header("x-request-id", requestId);
    const started = performance.now();
    await next();
    c.get("log").debug(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      "request",
    );
  };
}

function clientIp(c: Parameters<MiddlewareHandler<AppEnv>>[0], trustProxy: boolean): string | null {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // in-memory app.request() has no socket
  }
}
