/**
 * POST /screening/search: one name against the active lists, scored and banded with the bank's
 * bands; GET /screening/entries/{listId}/{entryId}: a list entry of an active version, for the
 * officer to compare. Lists are platform-wide reference data, so neither reads tenant data beyond
 * the bands. With no list active the search answers 200 with listVersion "" and the warning
 * `no_active_lists` (the caller learns the name was not screened, and nothing is refused).
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { EntryKind } from "../../db/schema-compliance";
import { notFound } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { need } from "../../server/guard";
import { jsonBody, jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { loadBands } from "./bands";
import { checkScreeningName } from "./normalise";
import { activeIndex } from "./screen";

const tags = ["Screening"];
const BANDS = ["block", "review", "edd", "clear"] as const;
const KINDS = ["individual", "entity", "vessel", "aircraft", "unknown"] as const satisfies readonly EntryKind[];

const realDate = (s: string) => s.length === 4 || (!Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

export const ScreeningSearchInput = z
  .strictObject({
    name: z
      .string()
      .max(300)
      .superRefine((v, ctx) => {
        if (v.length > 300) return; // max(300) has said it; a 10 KB name is not normalised
        const problem = checkScreeningName(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .openapi({ description: "A person's or organisation's name in any script", example: "Usama bin Laden" }),
    birthDate: z
      .string()
      .regex(/^\d{4}(-\d{2}-\d{2})?$/, "must be YYYY or YYYY-MM-DD")
      .refine(realDate, "is not a real date")
      .optional()
      .openapi({ description: "YYYY-MM-DD or YYYY: the same year raises the score, another lowers it" }),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code")
      .optional()
      .openapi({ description: "Nationality (ISO 3166-1 alpha-2): the same raises the score, another lowers it" }),
    limit: z.number().int().min(1).max(200).optional().openapi({ description: "Most matches returned (default 50)" }),
  })
  .openapi("ScreeningSearchInput");

export const ScreeningHit = z
  .object({
    list: z.string(),
    listVersion: z.number().int(),
    entryId: z.string(),
    name: z.string(),
    matchedName: z.string().openapi({ description: "The list name or alias that scored best" }),
    kind: z.enum(KINDS),
    programs: z.array(z.string()),
    score: z.number().min(0).max(1),
    band: z.enum(BANDS),
  })
  .openapi("ScreeningHit");

export const ScreeningSearchResult = z
  .object({
    listVersion: z.string().openapi({ description: 'The active versions screened against, e.g. "eu:2;ofac-sdn:7;un:3"; "" when none is active' }),
    warning: z.enum(["no_active_lists"]).nullable(),
    bands: z.object({ block: z.number(), review: z.number(), edd: z.number() }),
    matches: z.array(ScreeningHit),
  })
  .openapi("ScreeningSearchResult");

export const ScreeningEntry = z
  .object({
    list: z.string(),
    listName: z.string(),
    listKind: z.enum(["sanctions", "pep"]),
    version: z.number().int(),
    entryId: z.string(),
    kind: z.enum(KINDS),
    name: z.string(),
    aliases: z.array(z.object({ name: z.string(), quality: z.enum(["strong", "weak"]) })),
    birthDates: z.array(z.string()),
    nationalities: z.array(z.string()),
    programs: z.array(z.string()),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi("ScreeningEntry");

const EntryParams = z.object({
  listId: z.string().min(1).max(64).openapi({ param: { name: "listId", in: "path" }, example: "ofac-sdn" }),
  entryId: z.string().min(1).max(128).openapi({ param: { name: "entryId", in: "path" } }),
});

function json<T>(v: T | string): T {
  return typeof v === "string" ? (JSON.parse(v) as T) : v;
}

export function screeningSearchRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/screening/search",
      tags,
      summary: "Screen one name against the active sanctions and PEP lists (best first, at or above the bank's edd band)",
      security,
      request: { body: jsonBody(ScreeningSearchInput) },
      responses: { 200: jsonContent(ScreeningSearchResult), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "screening:search");
      const body = c.req.valid("json");
      const index = await activeIndex(deps.db);
      const bands = await loadBands(deps.db, actor.tenantId);
      const matches = index.screen({ name: body.name, birthDate: body.birthDate, country: body.country }, bands, { limit: body.limit }).map((m) => {
        const e = index.entry(m.list, m.entryId);
        return { ...m, kind: e?.kind ?? "unknown", programs: e?.programs ?? [] };
      });
      return c.json({ listVersion: index.listVersion, warning: index.listVersion === "" ? ("no_active_lists" as const) : null, bands, matches }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/screening/entries/{listId}/{entryId}",
      tags,
      summary: "One entry of a list's active version: aliases, birth dates, nationalities, programs, details",
      security,
      request: { params: EntryParams },
      responses: { 200: jsonContent(ScreeningEntry), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      need(c, "screening:search");
      const { listId, entryId } = c.req.valid("param");
      const row = await deps.db
        .selectFrom("screening_entries as e")
        .innerJoin("screening_lists as l", (j) => j.onRef("l.id", "=", "e.list_id").onRef("l.active_version", "=", "e.version"))
        .select(["e.list_id", "l.name as list_name", "l.kind as list_kind", "e.version", "e.entry_id", "e.kind", "e.name", "e.aliases", "e.birth_dates", "e.nationalities", "e.programs", "e.details"])
        .where("e.list_id", "=", listId)
        .where("e.entry_id", "=", entryId)
        .executeTakeFirst();
      if (!row) throw notFound("The list entry");
      return c.json(
        {
          list: row.list_id,
          listName: row.list_name,
          listKind: row.list_kind,
          version: row.version,
          entryId: row.entry_id,
          kind: row.kind,
          name: row.name,
          aliases: json(row.aliases),
          birthDates: json(row.birth_dates),
          nationalities: json(row.nationalities),
          programs: json(row.programs),
          details: json(row.details),
        },
        200,
      );
    },
  );

  return app;
}
