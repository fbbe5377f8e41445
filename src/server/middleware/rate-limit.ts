import type { MiddlewareHandler } from "hono";
import { AppError } from "../../kernel/errors";
import type { AppEnv } from "../env";

/**
 * Fixed one-minute window per client (actor when known, else IP). Counters live in this process:
 * behind a load balancer each process allows the limit, so set it per process. Login throttling
 * does not rely on this; it is kept in the store (see auth).
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const key = c.get("actor")?.id ?? c.get("ip") ?? "local";
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      windows.set(key, w);
      if (windows.size > 50_000) prune(windows, t);
    }
    w.count += 1;
    const remaining = Math.max(0, perMinute - w.count);
    const reset = Math.ceil((w.start + 60_000 - t) / 1000);
    c.header("ratelimit-limit", String(perMinute));
    c.header("ratelimit-remaining", String(remaining));
    c.header("ratelimit-reset", String(reset));
    if (w.count > perMinute) {
      throw new AppError("rate_limited", `More than ${perMinute} requests a minute; retry in ${reset}s`, {
        retryAfterSeconds: reset,
      });
    }
    await next();
  };
}

function prune(windows: Map<string, { start: number }>, t: number) {
  for (const [k, v] of windows) if (t - v.start >= 60_000) windows.delete(k);
}
