import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isoOrNull } from "../../kernel/clock";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, IdParam, jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { createSource, type EventSourceRow, listSources, rotateWriteKey, setSourceEnabled } from "./sources";

const tags = ["Event sources"];

export const EventSource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(["http", "import", "atrium"]).openapi({ description: "http: sends events to the tracking API with its write key; import: bulk files; atrium: Atrium's own modules" }),
    keyHint: z.string().nullable().openapi({ description: "The write key's last 4 characters, to tell keys apart (the key itself is shown once)" }),
    createdAt: z.string(),
    createdBy: z.string().nullable().openapi({ description: "The user who made it (null when made by an API key or the command line)" }),
    disabledAt: z.string().nullable().openapi({ description: "When set, the source's write key is refused" }),
  })
  .openapi("EventSource");

const CreateEventSource = z
  .strictObject({
    name: z.string().trim().min(1).max(80).openapi({ description: "Unique within the bank (case does not count)", example: "Website" }),
    kind: z.enum(["http", "import"]).optional().openapi({ description: "Default http" }),
  })
  .openapi("CreateEventSource");

const WithKey = z
  .object({
    source: EventSource,
    writeKey: z.string().nullable().openapi({ description: "The write key (the HTTP Basic user name of the tracking API). Shown only in this response; null for import sources" }),
  })
  .openapi("EventSourceWithKey");

/** Never the key nor its hash. */
export const presentSource = (r: EventSourceRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  keyHint: r.key_hint,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  disabledAt: isoOrNull(r.disabled_at),
});

export function sourceRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const ctx = (c: Parameters<typeof auditContext>[0]) => auditContext(c, deps.clock.now());

  app.openapi(
    createRoute({ method: "get", path: "/sources", tags, summary: "Event sources of this bank", description: "Every source that sends journey events, by name. Write keys are never listed: only their last 4 characters.", security, responses: { 200: jsonContent(z.object({ items: z.array(EventSource) })), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "sources:manage");
      const rows = await listSources(deps.db, actor.tenantId);
      return c.json({ items: rows.map(presentSource) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/sources", tags, summary: "Create an event source", description: "An http source gets a write key, returned only in this response and kept as its SHA-256. A name another source of this bank has answers 409 already_exists.", security, request: { body: jsonBody(CreateEventSource) }, responses: { 201: jsonContent(WithKey, "Created"), ...standardErrors, ...conflictError } }),
    async (c) => {
      const actor = need(c, "sources:manage");
      const { source, writeKey } = await createSource(deps.db, ctx(c), actor.tenantId, c.req.valid("json"));
      return c.json({ source: presentSource(source), writeKey }, 201);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/sources/{id}/rotate", tags, summary: "Replace a source's write key", description: "A new write key, returned only in this response; the old key is refused from this moment. Import sources have no key (409 conflict).", security, request: { params: IdParam }, responses: { 200: jsonContent(WithKey), ...standardErrors, ...notFoundError, ...conflictError } }),
    async (c) => {
      const actor = need(c, "sources:manage");
      const { source, writeKey } = await rotateWriteKey(deps.db, ctx(c), actor.tenantId, c.req.valid("param").id);
      return c.json({ source: presentSource(source), writeKey }, 200);
    },
  );

  for (const [path, enabled] of [["/sources/{id}/disable", false], ["/sources/{id}/enable", true]] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path,
        tags,
        summary: enabled ? "Enable an event source" : "Disable an event source",
        description: enabled ? "Its write key is accepted again. Enabling an enabled source changes nothing." : "Its write key is refused from this moment; its events stay. Disabling a disabled source changes nothing.",
        security,
        request: { params: IdParam },
        responses: { 200: jsonContent(EventSource), ...standardErrors, ...notFoundError },
      }),
      async (c) => {
        const actor = need(c, "sources:manage");
        const source = await setSourceEnabled(deps.db, ctx(c), actor.tenantId, c.req.valid("param").id, enabled);
        return c.json(presentSource(source), 200);
      },
    );
  }

  return app;
}
