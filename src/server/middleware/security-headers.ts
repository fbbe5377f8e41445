import type { MiddlewareHandler } from "hono";

/** The one CSP, with the framing rule as given (`'none'` everywhere but the survey pages). */
export function contentSecurityPolicy(frameAncestors = "'none'"): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    `frame-ancestors ${frameAncestors}`,
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Strict headers on every response. Scripts and styles come only from our origin; nothing may
 * frame the back office. HSTS is sent only when the public URL is https.
 * A route may set its own CSP (the survey pages allow the bank's embedding origins in
 * frame-ancestors): X-Frame-Options DENY is then left out unless that CSP still says 'none'
 * (or names no frame-ancestors at all);
 * a route may also set its own Cross-Origin-Resource-Policy (the embed widget script).
 */
export function securityHeaders(https: boolean): MiddlewareHandler {
  const csp = contentSecurityPolicy();
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has("content-security-policy")) h.set("content-security-policy", csp);
    h.set("x-content-type-options", "nosniff");
    const ancestors = /frame-ancestors ([^;]*)/.exec(h.get("content-security-policy") ?? "")?.[1]?.trim();
    if (!ancestors || ancestors === "'none'") h.set("x-frame-options", "DENY");
    h.set("referrer-policy", "no-referrer");
    h.set("cross-origin-opener-policy", "same-origin");
    if (!h.has("cross-origin-resource-policy")) h.set("cross-origin-resource-policy", "same-origin");
    h.set("permissions-policy", "camera=(self), geolocation=(), microphone=()");
    if (https) h.set("strict-transport-security", "max-age=31536000; includeSubDomains");
    if (c.req.path.startsWith("/api/") && !h.has("cache-control")) h.set("cache-control", "no-store");
  };
}
