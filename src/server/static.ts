import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { contentSecurityPolicy } from "./middleware/security-headers";

export const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

/** Reads a file inside `root` only; `..` and absolute tricks resolve to null. */
function safeFile(root: string, rel: string): string | null {
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

/** `/{bank}/s/{surveyId}` (optionally with a trailing slash) under /c: the respondent page. */
const SURVEY_PAGE = /^\/[^/]+\/s\/[^/]+\/?$/;

/**
 * The application pages under /c: a customer's link `/{bank}/a/{token}`, the bank's product list
 * `/{bank}/apply` and its start form `/{bank}/apply/{product}` (optionally with a trailing slash).
 */
const APPLY_PAGE = /^\/[^/]+\/(?:a\/[^/]+|apply(?:\/[^/]+)?)\/?$/;

/** `/{bank}/verify` (optionally with a trailing slash) under /c: the public check of a sealed PDF. */
const VERIFY_PAGE = /^\/[^/]+\/verify\/?$/;

/** `/{bank}/sign` (optionally with a trailing slash) under /c: a signer's link (the token is in the fragment). */
const SIGN_PAGE = /^\/[^/]+\/sign\/?$/;

/**
 * The application page's policy: the app's strict one as it is (scripts from our origin only,
 * never framed; images from data: and blob: for document previews). It sets no cookie.
 */
const APPLY_CSP = contentSecurityPolicy();

/**
 * The respondent page's policy: the app's strict one, except that picture-choice images may come
 * from https URLs the analyst entered (the definition accepts only https there). Framing is set
 * per bank afterwards (surveyFraming in src/modules/feedback/embed.ts).
 */
const SURVEY_CSP = contentSecurityPolicy().replace("img-src 'self' data: blob:", "img-src 'self' data: blob: https:");

function spa(app: OpenAPIHono<AppEnv>, mount: string, dir: string, pages: { pattern: RegExp; file: string; csp: string }[] = []) {
  const root = join(WEB_DIST, dir);
  app.get(`${mount}/*`, (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice(mount.length)) || "/";
    } catch {
      return c.text("Not found", 404); // a malformed %-escape names no file
    }
    const asset = rel !== "/" ? safeFile(root, rel) : null;
    const page = asset ? undefined : pages.find((p) => p.pattern.test(rel));
    const file = asset ?? safeFile(root, page?.file ?? "index.html");
    if (!file) {
      return c.text("This part of Atrium is not built yet. Run `npm start`, which builds it.", 503);
    }
    const immutable = asset !== null && rel.startsWith("/assets/");
    return c.body(readFileSync(file), 200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      ...(page ? { "content-security-policy": page.csp } : {}),
    });
  });
  app.get(mount, (c) => c.redirect(`${mount}/`));
}

/**
 * The back office at /app and the customer pages at /c, both built by Vite into web/dist. Under /c,
 * `/{bank}/s/{surveyId}` gets the respondent page and `/{bank}/a/{token}`, `/{bank}/apply` and
 * `/{bank}/apply/{product}` the application page, `/{bank}/verify` the seal check, `/{bank}/sign`
 * a signer's link (each its own small bundle); the rest the shell.
 */
export function mountStatic(app: OpenAPIHono<AppEnv>) {
  spa(app, "/app", "backoffice");
  spa(app, "/c", "customer", [
    { pattern: SURVEY_PAGE, file: "survey.html", csp: SURVEY_CSP },
    { pattern: APPLY_PAGE, file: "apply.html", csp: APPLY_CSP },
    // The same strict policy: the file is posted to this origin only (connect-src 'self').
    { pattern: VERIFY_PAGE, file: "verify.html", csp: APPLY_CSP },
    // The same strict policy: pdf.js's worker is a file of this origin (worker-src falls back to 'self').
    { pattern: SIGN_PAGE, file: "sign.html", csp: APPLY_CSP },
  ]);
  app.get("/", (c) => c.redirect("/app/"));
  // Browsers ask for it on every page (the API docs too); an empty answer keeps consoles clean.
  app.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "public, max-age=86400" }));
}
