/**
 * Sanctions and PEP lists: read-only. Lists are platform-wide reference data: no bank can upload
 * or change them through the API; the operator imports them with `atrium lists import` or the
 * scheduled SCREENING_SOURCES import.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { notFound } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { need } from "../../server/guard";
import { jsonContent, notFoundError, security, standardErrors, z } from "../../server/openapi";
import { PageQuery, pageOf } from "../../server/pagination";
import { type ListVersionView, type ListView, listLists, listVersions } from "./lists";
import { LIST_FORMATS } from "./parsers";

const tags = ["Screening"];

export const ListProblem = z.object({ where: z.string(), message: z.string() }).openapi("ListProblem");
export const ListVersion = z
  .object({
    version: z.number().int(),
    status: z.enum(["importing", "active", "superseded", "failed"]),
    source: z.string().openapi({ description: "The file name(s) or URL(s) imported" }),
    sha256: z.string().openapi({ description: "sha256 of the imported file(s); empty when the download failed" }),
    entries: z.number().int(),
    names: z.number().int().openapi({ description: "Names and aliases" }),
    problemCount: z.number().int().openapi({ description: "Rows of the file that could not be read" }),
    problems: z.array(ListProblem).openapi({ description: "The first 50 of them" }),
    error: z.string().nullable().openapi({ description: "Why a failed import failed" }),
    importedBy: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("ListVersion");
export const ScreeningList = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["sanctions", "pep"]),
    format: z.enum(LIST_FORMATS),
    sourceUrl: z.string().nullable(),
    activeVersion: ListVersion.nullable(),
    lastImport: ListVersion.nullable(),
    lastFailure: ListVersion.nullable(),
    createdAt: z.string(),
  })
  .openapi("ScreeningList");

const ListParam = z.object({ listId: z.string().min(1).max(63).openapi({ param: { name: "listId", in: "path" }, description: "ofac-sdn, un, eu, pep, …" }) });

export function listRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/screening/lists",
      tags,
      summary: "The sanctions and PEP lists with their active version, last import and last failure",
      security,
      responses: { 200: jsonContent(z.object({ items: z.array(ScreeningList) })), ...standardErrors },
    }),
    async (c) => {
      need(c, "lists:read");
      const items: ListView[] = await listLists(deps.db);
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/screening/lists/{listId}/versions",
      tags,
      summary: "A list's imports, newest first: status, counts, digest, problems and errors",
      security,
      request: { params: ListParam, query: PageQuery },
      responses: { 200: jsonContent(pageOf(ListVersion)), ...standardErrors, ...notFoundError },
    }),
    async (c) => {
      need(c, "lists:read");
      const { listId } = c.req.valid("param");
      const { limit, cursor } = c.req.valid("query");
      const page: { items: ListVersionView[]; nextCursor: string | null } | null = await listVersions(deps.db, listId, { limit, cursor });
      if (!page) throw notFound("The list");
      return c.json(page, 200);
    },
  );

  return app;
}
