/**
 * The customer's application API: open a link, prove it is them with a one-time code, then read
 * and answer their application with the session's Bearer token. Cookieless; the global rate limit
 * applies; guessed tokens get token_invalid with no hint.
 */
import { networkOf } from "../../kernel/network";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { inTransaction } from "../../db";
import { AppError } from "../../kernel/errors";
import { FailureCounter } from "../../kernel/failure-counter";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { jsonBody, jsonContent, notFoundError, standardErrors, z } from "../../server/openapi";
import { createApplication } from "./applications";
import { beforeSubmit, completeStep, lockedCustomer, logout, saveAnswers, submitApplication, viewStep } from "./customer";
import { FLOW_LOCALES, PRODUCTS } from "./flow/types";
import { linkInfo, sendOtp, verifyOtp } from "./links";
import { CustomerViewSchema, presentCustomerView } from "./presenter";
import { requireCustomer } from "./session";

const tags = ["Public"];
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });
const TokenParam = z.object({ token: z.string().max(200).openapi({ param: { name: "token", in: "path" } }) });
const SlugParam = z.object({ slug: z.string().max(100).openapi({ param: { name: "slug", in: "path" } }) });
const StepParam = z.object({ stepId: z.string().max(64).openapi({ param: { name: "stepId", in: "path" } }) });
const bearer = { headers: z.object({ authorization: z.string().optional().openapi({ description: "`Bearer <sessionToken>`" }) }) };
const Text = z.record(z.string(), z.string());
const Progress = z.object({ index: z.number().int(), total: z.number().int(), minutesLeft: z.number() });
const linkErrors = { 410: problem("Expired (token_expired) or withdrawn (link_revoked) link") };
const sessionErrors = { 401: problem("No session, or it ended (session_expired)"), 409: problem("The application can no longer be changed (wrong_state)") };

const LinkInfo = z
  .object({
    bank: z.object({ slug: z.string(), name: z.string() }),
    product: z.string(),
    productTitle: Text,
    language: z.string(),
    languages: z.array(z.string()),
    otpChannels: z.array(z.enum(["sms", "email"])),
    destination: z.object({ sms: z.string().optional(), email: z.string().optional() }),
    purpose: z.enum(["apply", "reupload", "welcome"]),
  })
  .openapi("ApplicationLinkInfo");
const OtpBody = z.strictObject({ channel: z.enum(["sms", "email"]).optional() }).openapi("SendApplicationCode");
const OtpSent = z.object({ channel: z.enum(["sms", "email"]), to: z.string(), expiresAt: z.string(), resendAfterSeconds: z.number().int() }).openapi("ApplicationCodeSent");
const SessionBody = z.strictObject({ code: z.string().trim().max(12) }).openapi("OpenApplicationSession");
const SessionOut = z.object({ sessionToken: z.string(), applicationId: z.uuid(), expiresAt: z.string() }).openapi("ApplicationSession");
const AnswersBody = z
  .strictObject({
    answers: z
      .record(z.string().max(64), z.unknown())
      .refine((o) => Object.keys(o).length <= 200, "at most 200 answers")
      .optional()
      .openapi({ description: "By field id; null clears" }),
    at: z.strictObject({ step: z.string().max(64), field: z.string().max(64).optional() }).optional(),
    language: z.enum(FLOW_LOCALES).optional(),
  })
  .openapi("SaveApplicationAnswers");
const Saved = z
  .object({
    saved: z.array(z.string()),
    progress: Progress,
    currentStep: z.string().nullable(),
    currentField: z.string().nullable(),
    warnings: z.array(z.object({ path: z.string(), code: z.enum(["disposable_email"]), message: z.string() })).openapi({ description: "Saved, but worth a second look (shown under the field, never blocking), in the application's language" }),
  })
  .openapi("ApplicationAnswersSaved");
const Completed = z.object({ completedSteps: z.array(z.string()), progress: Progress, next: z.string().nullable() }).openapi("ApplicationStepCompleted");
const Submitted = z.object({ status: z.literal("submitted"), reference: z.string() }).openapi("ApplicationSubmitted");
const StartBody = z
  .strictObject({
    product: z.enum(PRODUCTS),
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ().-]{5,22}$/, "a phone number with its country code")
      .transform((s) => s.replace(/[\s().-]/g, ""))
      .optional(),
    language: z.enum(FLOW_LOCALES).optional(),
  })
  .openapi("StartApplication");

const client = (c: Context<AppEnv>) => ({ ip: c.get("ip") ?? null, userAgent: c.req.header("user-agent") ?? null });

/** Applications a customer may start from the public product page per IP address and hour (per process). */
export const PUBLIC_STARTS_PER_HOUR = 20;

export function publicApplicationRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  // Each start can send codes to a number the visitor typed: cap starts per network as well as codes per destination.
  const publicStarts = new FailureCounter(PUBLIC_STARTS_PER_HOUR, 3_600_000);

  app.openapi(
    createRoute({ method: "get", path: "/public/applications/link/{token}", tags, summary: "What a link is for, before any code (nothing personal but masked destinations)", request: { params: TokenParam }, responses: { 200: jsonContent(LinkInfo), ...standardErrors, ...linkErrors } }),
    async (c) => c.json(await linkInfo(deps.db, deps, c.req.valid("param").token), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/link/{token}/otp",
      tags,
      summary: "Send a one-time code to the customer's phone or email",
      request: { params: TokenParam, body: jsonBody(OtpBody) },
      responses: { 202: jsonContent(OtpSent, "Sent"), ...standardErrors, ...linkErrors, 423: problem("Locked after wrong codes (otp_locked)") },
    }),
    async (c) => c.json(await sendOtp(deps, c.req.valid("param").token, c.req.valid("json").channel), 202),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/link/{token}/session",
      tags,
      summary: "Exchange the one-time code for a session on this device",
      request: { params: TokenParam, body: jsonBody(SessionBody) },
      responses: { 201: jsonContent(SessionOut, "Created"), ...standardErrors, ...linkErrors, 423: problem("Locked after wrong codes (otp_locked)") },
    }),
    async (c) => c.json(await verifyOtp(deps, c.req.valid("param").token, c.req.valid("json").code, client(c)), 201),
  );

  app.openapi(
    createRoute({ method: "get", path: "/public/applications/me", tags, summary: "The customer's application", request: bearer, responses: { 200: jsonContent(CustomerViewSchema), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const { session, app: row } = await requireCustomer(c, deps);
      return c.json(await presentCustomerView(deps.db, row, session.linkId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/public/applications/me/answers",
      tags,
      summary: "Autosave answers (all or nothing) and where the customer is",
      request: { ...bearer, body: jsonBody(AnswersBody) },
      responses: { 200: jsonContent(Saved), ...standardErrors, ...sessionErrors },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const ua = c.req.header("user-agent") ?? null;
      const out = await inTransaction(deps.db, async (trx) => {
        const { session, app: locked } = await lockedCustomer(c, deps, trx);
        return saveAnswers(trx, deps, session, body, ua, locked);
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/public/applications/me/steps/{stepId}/view", tags, summary: "The customer opened a step", request: { ...bearer, params: StepParam }, responses: { 204: { description: "Recorded" }, ...standardErrors, ...notFoundError, ...sessionErrors } }),
    async (c) => {
      const { stepId } = c.req.valid("param");
      const ua = c.req.header("user-agent") ?? null;
      await inTransaction(deps.db, async (trx) => {
        const { session, app: locked } = await lockedCustomer(c, deps, trx);
        await viewStep(trx, deps, session, stepId, ua, locked);
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/applications/me/steps/{stepId}/complete",
      tags,
      summary: "Complete a step (the server checks every field of it again)",
      request: { ...bearer, params: StepParam },
      responses: { 200: jsonContent(Completed), ...standardErrors, ...notFoundError, ...sessionErrors },
    }),
    async (c) => {
      const { stepId } = c.req.valid("param");
      const ua = c.req.header("user-agent") ?? null;
      const out = await inTransaction(deps.db, async (trx) => {
        const { session, app: locked } = await lockedCustomer(c, deps, trx);
        return completeStep(trx, deps, session, stepId, ua, locked);
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/public/applications/me/submit", tags, summary: "Submit the application for review", request: bearer, responses: { 200: jsonContent(Submitted), ...standardErrors, ...sessionErrors } }),
    async (c) => {
      const ua = c.req.header("user-agent") ?? null;
      await inTransaction(deps.db, async (trx) => {
        const { app: locked } = await lockedCustomer(c, deps, trx);
        await beforeSubmit(trx, deps, locked);
      });
      const out = await inTransaction(deps.db, async (trx) => {
        const { session, app: locked } = await lockedCustomer(c, deps, trx);
        return submitApplication(trx, deps, session, ua, locked);
      });
      return c.json(out, 200);
    },
  );

  app.openapi(createRoute({ method: "post", path: "/public/applications/me/logout", tags, summary: "End this device's session", request: bearer, responses: { 204: { description: "Ended" }, ...standardErrors } }), async (c) => {
    await inTransaction(deps.db, async (trx) => {
      const { session } = await requireCustomer(c, deps, trx);
      await logout(trx, deps, session);
    });
    return c.body(null, 204);
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/public/banks/{slug}/applications",
      tags,
      summary: "A customer starts an application from the bank's product page; the page then opens the link and verifies them by code",
      request: { params: SlugParam, body: jsonBody(StartBody) },
      responses: { 201: jsonContent(z.object({ token: z.string() }).openapi("StartedApplication"), "Created"), ...standardErrors, ...notFoundError, 409: problem("The product is not offered (wrong_state)") },
    }),
    async (c) => {
      const { slug } = c.req.valid("param");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const ip = networkOf(c.get("ip"));
      if (publicStarts.blocked(ip, now.getTime())) {
        throw new AppError("rate_limited", "Too many applications were started from this network; try again later", { retryAfterSeconds: 3600 });
      }
      const tenant = await deps.db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
      if (!tenant) throw new AppError("not_found", "No such bank");
      const { link } = await inTransaction(deps.db, (trx) =>
        createApplication(trx, deps, { actor: null, ip: c.get("ip"), requestId: c.get("requestId"), now }, null, tenant.id, {
          product: body.product,
          customer: { name: body.name, email: body.email, phone: body.phone, language: body.language },
          channel: "web",
        }),
      );
      publicStarts.note(ip, now.getTime());
      return c.json({ token: link.token }, 201);
    },
  );

  return app;
}
