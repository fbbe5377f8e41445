import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../../server/deps";
import type { AppEnv } from "../../../server/env";
import { need } from "../../../server/guard";
import { jsonContent, notFoundError, security, standardErrors, z } from "../../../server/openapi";
import { decodeCursor, PageQuery, pageOf, paginate } from "../../../server/pagination";
import { FilterQuery, rangeOf } from "./filters";
import { customerEvents, customerJourneys, journeyEvents, listJourneys, MAX_TIMELINE_EVENTS, presentEvent, presentJourney, scopedJourney } from "./journeys";
import { CustomerTimelineSchema, JourneyDetailSchema, JourneySchema } from "./schemas";

const tags = ["Journeys"];
const SCOPE_NOTE = "Scoped like the rest: a region-scoped reader sees journeys of their region, a branch-scoped one their branch's, an own-scoped one the journeys they are the agent of.";

const JourneyParam = z.object({ journeyId: z.string().min(1).max(200).openapi({ param: { name: "journeyId", in: "path" }, description: "The journey id" }) });
const CustomerParam = z.object({ customer: z.string().min(1).max(200).openapi({ param: { name: "customer", in: "path" }, description: "A userId or anonymousId" }) });
const ListQuery = FilterQuery.extend({ status: z.enum(["open", "submitted", "decided", "funded", "abandoned"]).optional() }).extend(PageQuery.shape);

export function journeyRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const db = deps.db;

  app.openapi(
    createRoute({
      method: "get",
      path: "/journeys",
      tags,
      summary: "Journey instances, newest start first",
      description: `Journeys started in the range (by their start; from/to are UTC days, inclusive, both optional), filtered by status and by dimension (channel is the start channel). Keyset paged. ${SCOPE_NOTE}`,
      security,
      request: { query: ListQuery },
      responses: { 200: jsonContent(pageOf(JourneySchema)), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "journeys:read");
      const { limit, cursor, ...q } = c.req.valid("query");
      const after = decodeCursor(cursor, z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/), z.string()]));
      const range = rangeOf(q, deps.clock.now(), null);
      const rows = await listJourneys(db, actor, q, range, limit, after);
      const page = paginate(rows, limit, (r) => [r.started_key, r.journey_id]);
      return c.json({ items: page.items.map(presentJourney), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/journeys/{journeyId}",
      tags,
      summary: "One journey and its timeline",
      description: `The journey and every event of it (oldest first, properties as sent, at most ${MAX_TIMELINE_EVENTS}). A journey of another bank or outside the reader's scope is not found. ${SCOPE_NOTE}`,
      security,
      request: { params: JourneyParam },
      responses: { 200: jsonContent(JourneyDetailSchema), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      const actor = need(c, "journeys:read");
      const { journeyId } = c.req.valid("param");
      const journey = await scopedJourney(db, actor, journeyId);
      const events = await journeyEvents(db, actor.tenantId, journeyId);
      const truncated = events.length > MAX_TIMELINE_EVENTS;
      return c.json({ ...presentJourney(journey), reached: journey.reached as Record<string, string>, timeline: events.slice(0, MAX_TIMELINE_EVENTS).map(presentEvent), truncated }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/customers/{customer}/timeline",
      tags,
      summary: "A customer's timeline across journeys",
      description:
        "Every event whose userId or anonymousId is this customer, newest first, keyset paged, with the customer's journeys. Readers scoped to a region, branch or their own journeys see only events of journeys inside their scope (events outside any journey are left out for them); a whole-bank reader sees every event.",
      security,
      request: { params: CustomerParam, query: PageQuery },
      responses: { 200: jsonContent(CustomerTimelineSchema), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "journeys:read");
      const { customer } = c.req.valid("param");
      const { limit, cursor } = c.req.valid("query");
      const after = decodeCursor(cursor, z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/), z.uuid(), z.string()]));
      const rows = await customerEvents(db, actor, customer, limit, after);
      const page = paginate(rows, limit, (e) => [e.occurred_key, e.source_id, e.message_id]);
      const ids = [...new Set(page.items.map((e) => e.journey_id).filter((j): j is string => !!j))];
      const journeys = await customerJourneys(db, actor, customer, ids);
      return c.json({ customer, items: page.items.map(presentEvent), nextCursor: page.nextCursor, journeys: journeys.map(presentJourney) }, 200);
    },
  );

  return app;
}
