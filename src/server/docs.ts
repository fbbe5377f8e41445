import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ERROR_CODES, type ErrorCode } from "../kernel/errors";
import type { AppEnv } from "./env";
import { problemTitles } from "./problem";

const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** OpenAPI document, Swagger UI served from our own origin (no CDN), and the problem-code list. */
export function mountDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "atrium_session",
    description: "Session cookie from POST /api/v1/auth/login. Unsafe methods also need the X-CSRF-Token header.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "API key from `atrium apikey create` or the back office, sent as `Authorization: Bearer <key>`.",
  });
  app.doc31("/api/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Atrium API",
      version: "1.0.0",
      description:
        "Errors are RFC 9457 problem+json with a stable `code`; list endpoints take `limit` and `cursor`.",
    },
    servers: [{ url: "/" }],
  });

  const files: Record<string, string> = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  };
  for (const [name, type] of Object.entries(files)) {
    app.get(`/api/docs/${name}`, (c) =>
      c.body(readFileSync(join(swaggerDir, name)), 200, { "content-type": type, "cache-control": "public, max-age=86400" }),
    );
  }
  app.get("/api/docs/init.js", (c) =>
    c.body(
      'window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#docs", deepLinking: true });',
      200,
      { "content-type": "text/javascript; charset=utf-8" },
    ),
  );
  app.get("/api/docs", (c) =>
    c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Atrium API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><p><a href="/api/docs/problems">Problem codes</a></p><div id="docs"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`),
  );
  app.get("/api/docs/problems", (c) => {
    const titles = problemTitles();
    const rows = (Object.keys(ERROR_CODES) as ErrorCode[])
      .map((code) => `<tr id="${code}"><td><code>${code}</code></td><td>${ERROR_CODES[code]}</td><td>${escapeHtml(titles[code])}</td></tr>`)
      .join("");
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Atrium problem codes</title></head>
<body><h1>Problem codes</h1><p>Every error is <code>application/problem+json</code> with one of these stable codes.</p>
<table><thead><tr><th>code</th><th>status</th><th>meaning</th></tr></thead><tbody>${rows}</tbody></table></body></html>`);
  });
}
