import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { inTransaction } from "../../db";
import { sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { jsonBody, jsonContent, notFoundError, ProblemSchema, standardErrors, z } from "../../server/openapi";
import { markSurveyed } from "./frequency";
import { RespondResultSchema } from "./public-routes";
import { type RespondResult, resumeResponse, startResponse } from "./respond";

const TokenParam = z.object({ token: z.string().min(20).max(128).openapi({ param: { name: "token", in: "path" } }) });
const Body = z
  .strictObject({
    language: z.enum(["en", "he", "ar", "zh-Hans", "zh-Hant"]).optional(),
    answers: z.record(z.string().max(200), z.unknown()).optional().openapi({ description: "Usually the first answer given in the email (`a=`)" }),
  })
  .openapi("StartInvitationResponse");
const problem = (d: string) => ({ description: d, content: { "application/problem+json": { schema: ProblemSchema } } });

/**
 * Opens a personal link (public API item 6). Single use: after its response is completed → 410
 * link_used; past its expiry → 410 token_expired; while its response is open → that response is
 * resumed with a new resume token; otherwise a response is started for the invitation's contact,
 * with its pre-filled hidden fields and the contact's language.
 */
export async function openInvitation(deps: Deps, token: string, body: z.infer<typeof Body>, userAgent: string | null): Promise<RespondResult> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const inv = await trx.selectFrom("survey_invitations").selectAll().where("token_hash", "=", sha256Hex(token)).forUpdate().executeTakeFirst();
    if (!inv) throw new AppError("not_found", "This link is not valid");
    const response = inv.response_id
      ? await trx.selectFrom("survey_responses").select(["id", "status"]).where("tenant_id", "=", inv.tenant_id).where("id", "=", inv.response_id).executeTakeFirst()
      : undefined;
    if (inv.completed_at || response?.status === "completed" || response?.status === "screened_out") {
      throw new AppError("link_used", "This personal link has already been used to answer the survey");
    }
    if (new Date(inv.expires_at) <= now) throw new AppError("token_expired", "This personal link has expired");
    const opened = inv.opened_at ? {} : { opened_at: now };
    if (response) {
      const r = await resumeResponse(trx, deps, { tenantId: inv.tenant_id, responseId: response.id });
      if (inv.opened_at === null) await trx.updateTable("survey_invitations").set(opened).where("tenant_id", "=", inv.tenant_id).where("id", "=", inv.id).execute();
      return r;
    }
    const contact = inv.contact_id
      ? await trx.selectFrom("contacts").select(["id", "locale"]).where("tenant_id", "=", inv.tenant_id).where("id", "=", inv.contact_id).executeTakeFirst()
      : undefined;
    const r = await startResponse(trx, deps, {
      tenantId: inv.tenant_id,
      surveyId: inv.survey_id,
      channel: inv.channel,
      language: body.language ?? contact?.locale ?? null,
      hidden: inv.hidden,
      answers: body.answers,
      contactId: contact?.id ?? null,
      invitationId: inv.id,
      userAgent,
    });
    const done = r.status !== "in_progress";
    await trx
      .updateTable("survey_invitations")
      .set({ ...opened, response_id: r.id, ...(done ? { completed_at: now } : {}) })
      .where("tenant_id", "=", inv.tenant_id)
      .where("id", "=", inv.id)
      .execute();
    if (done && contact) await markSurveyed(trx, inv.tenant_id, contact.id, now);
    return r;
  });
}

export function invitationRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: "post",
      path: "/public/invitations/{token}/responses",
      tags: ["Public"],
      summary: "Open a personal survey link: start its response, or resume it while open",
      request: { params: TokenParam, body: jsonBody(Body) },
      responses: { 201: jsonContent(RespondResultSchema, "Started or resumed"), ...standardErrors, ...notFoundError, 410: problem("Link used (link_used), expired (token_expired) or survey closed (survey_closed)") },
    }),
    async (c) => {
      const r = await openInvitation(deps, c.req.valid("param").token, c.req.valid("json"), c.req.header("user-agent")?.slice(0, 500) ?? null);
      return c.json(r, 201);
    },
  );
  return app;
}
