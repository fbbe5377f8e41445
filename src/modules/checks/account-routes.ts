/**
 * POST /checks/iban, /checks/bic, /checks/phone, /checks/email: account and contact data checks
 * for staff and integrations (permission checks:run). A value that is not valid is a 200 with
 * `valid: false` and the reasons; a missing, non-string or absurdly long value is a 400.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { need } from "../../server/guard";
import { jsonBody, jsonContent, security, standardErrors, z } from "../../server/openapi";
import { bicCheck, emailCheck, ibanCheck, phoneCheck } from "./account/checks";
import { isCountry } from "./account/countries";

const tags = ["Checks"];
const CheckError = z.object({ code: z.string(), message: z.string() }).openapi("CheckError");
const Country = z.string().nullable().openapi({ description: "ISO 3166-1 alpha-2" });

const IbanIn = z.strictObject({ iban: z.string().max(100).openapi({ example: "DE89 3704 0044 0532 0130 00" }) }).openapi("IbanCheckInput");
export const IbanOut = z
  .object({ valid: z.boolean(), iban: z.string().openapi({ description: "Electronic format: no spaces, upper case" }), country: Country, bban: z.string().nullable(), errors: z.array(CheckError) })
  .openapi("IbanCheck");
const BicIn = z.strictObject({ bic: z.string().max(100).openapi({ example: "DEUTDEFF500" }) }).openapi("BicCheckInput");
export const BicOut = z
  .object({
    valid: z.boolean(),
    bic: z.string(),
    country: Country,
    institution: z.string().nullable(),
    location: z.string().nullable(),
    branch: z.string().nullable().openapi({ description: "null for an 8-character BIC (the primary office)" }),
    test: z.boolean().openapi({ description: "A test BIC (second location character 0)" }),
    errors: z.array(CheckError),
  })
  .openapi("BicCheck");
const PhoneIn = z
  .strictObject({
    phone: z.string().max(100).openapi({ example: "+972 50 765 4321" }),
    country: z.string().refine(isCountry, { message: "must be an ISO 3166-1 alpha-2 code like IL" }).optional().openapi({ description: "Numbers without +prefix are read as this country's, and must belong to it" }),
  })
  .openapi("PhoneCheckInput");
const PHONE_TYPES = ["mobile", "fixed_line", "fixed_line_or_mobile", "toll_free", "premium_rate", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail"] as const;
export const PhoneOut = z
  .object({ valid: z.boolean(), e164: z.string().nullable(), country: Country, type: z.enum(PHONE_TYPES).nullable(), errors: z.array(CheckError) })
  .openapi("PhoneCheck");
const EmailIn = z.strictObject({ email: z.string().max(400).openapi({ example: "dana@example.com" }) }).openapi("EmailCheckInput");
export const EmailOut = z
  .object({ valid: z.boolean(), email: z.string(), disposable: z.boolean(), errors: z.array(CheckError), warnings: z.array(CheckError) })
  .openapi("EmailCheck");

const post = <I extends z.ZodType, O extends z.ZodType>(path: string, summary: string, input: I, output: O) =>
  createRoute({ method: "post", path, tags, summary, security, request: { body: jsonBody(input) }, responses: { 200: jsonContent(output), ...standardErrors } });

export function accountCheckRoutes(_deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(post("/checks/iban", "Validate an IBAN: registry country, length, BBAN structure, MOD 97-10", IbanIn, IbanOut), (c) => {
    need(c, "checks:run");
    return c.json(ibanCheck(c.req.valid("json").iban), 200);
  });

  app.openapi(post("/checks/bic", "Validate a BIC (ISO 9362): structure and country", BicIn, BicOut), (c) => {
    need(c, "checks:run");
    return c.json(bicCheck(c.req.valid("json").bic), 200);
  });

  app.openapi(post("/checks/phone", "Validate a phone number against its country's numbering plan; E.164 and type", PhoneIn, PhoneOut), (c) => {
    need(c, "checks:run");
    const body = c.req.valid("json");
    return c.json(phoneCheck(body.phone, body.country), 200);
  });

  app.openapi(post("/checks/email", "Validate an email address's syntax; warn about disposable domains", EmailIn, EmailOut), (c) => {
    need(c, "checks:run");
    return c.json(emailCheck(c.req.valid("json").email), 200);
  });

  return app;
}
