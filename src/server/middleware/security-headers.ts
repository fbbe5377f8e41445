import type { MiddlewareHandler } from "hono";

/**
 * Strict headers on every response. Scripts and styles come only from our origin; nothing may
 * frame the back office. HSTS is sent only when the public URL is https.
 */
export function securityHeaders(https: boolean): MiddlewareHandler {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has("content-security-policy")) h.set("content-security-policy", csp);
    h.set("x-content-type-options", "nosniff");
    h.set("x-frame-options", "DENY");
    h.set("referrer-policy", "no-referrer");
    h.set("cross-origin-opener-policy", "same-origin");
    h.set("cross-origin-resource-policy", "same-origin");
    h.set("permissions-policy", "camera=(self), geolocation=(), microphone=()");
    if (https) h.set("strict-transport-security", "max-age=31536000; includeSubDomains");
    if (c.req.path.startsWith("/api/") && !h.has("cache-control")) h.set("cache-control", "no-store");
  };
}
