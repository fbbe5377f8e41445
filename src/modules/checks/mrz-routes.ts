/** POST /checks/mrz: parse and validate an ICAO 9303 machine-readable zone. POST /checks/document: read one from an image. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { describeBytes, sniffType } from "../../kernel/file-types";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { need } from "../../server/guard";
import { jsonBody, jsonContent, security, standardErrors, z } from "../../server/openapi";
import { problemResponse } from "../../server/problem";
import { MRZ_SHAPES, type MrzResult, parseMrz } from "./mrz";
import { DocumentCheckSchema, MrzCheckRequest, MrzCheckSchema } from "./mrz-schemas";

const tags = ["Checks"];
const IMAGE_TYPES = ["image/jpeg", "image/png"] as const;
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });

const WHY: Record<string, string> = {
  empty: "is empty",
  invalid_characters: "may hold only A–Z, 0–9 and < (fillers), one zone line per text line",
  unknown_format: `is not a machine-readable zone: expected ${MRZ_SHAPES}`,
};

/** The response body: what the issue's contract lists, plus the variant. */
export function presentMrz(r: MrzResult) {
  return { valid: r.valid, format: r.format, variant: r.variant, fields: r.fields, errors: r.errors, warnings: r.warnings, corrections: r.corrections };
}

function refuseMrz(r: MrzResult): AppError {
  const code = r.errors[0]?.code ?? "unknown_format";
  const shape = r.lines.length > 0 ? ` (got ${r.lines.length} line(s) of ${r.lines.map((l) => l.length).join(", ")} characters)` : "";
  const message = `${WHY[code] ?? WHY.unknown_format}${code === "unknown_format" ? shape : ""}`;
  return new AppError("validation_failed", `body.mrz ${message}`, { issues: [{ path: "body.mrz", message, code }] });
}

export function mrzCheckRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const max = deps.config.onboarding.uploadMaxBytes;

  app.openapi(
    createRoute({
      method: "post",
      path: "/checks/mrz",
      tags,
      security,
      summary: "Parse and validate a machine-readable zone (TD1, TD2, TD3, MRV-A/B visas, French identity card)",
      description:
        "`valid` means the structure and every check digit (7-3-1 weights, each field and the composite) are right. An unknown state code and an expired document are warnings. " +
        "Text that is no zone at all (empty, wrong line count or lengths, characters outside A–Z 0–9 <) is a 400 validation_failed on `body.mrz` with code empty, unknown_format or invalid_characters.",
      request: { body: jsonBody(MrzCheckRequest) },
      responses: { 200: jsonContent(MrzCheckSchema, "The zone, its fields and what is wrong with it"), ...standardErrors },
    }),
    async (c) => {
      need(c, "checks:run");
      const result = parseMrz(c.req.valid("json").mrz, { now: deps.clock.now() });
      if (result.format === null) throw refuseMrz(result);
      return c.json(presentMrz(result) as z.infer<typeof MrzCheckSchema>, 200);
    },
  );

  const uploadLimit = bodyLimit({
    maxSize: max,
    onError: (c) => problemResponse(new AppError("payload_too_large", `An image may have at most ${max} bytes`, { issues: [{ path: "body", message: `is larger than ${max} bytes`, code: "too_big", params: { maximum: max } }] }), c),
  });
  app.openapi(
    createRoute({
      method: "post",
      path: "/checks/document",
      tags,
      security,
      summary: "Read the machine-readable zone from a photo or scan of a document's data page (raw JPEG or PNG body)",
      description: "Runs the identity provider's document verification (the local one: OCR on this machine). No zone found → 422 ocr_unreadable. Nothing is stored.",
      middleware: [uploadLimit] as const,
      request: {
        body: { required: true, description: `The image's bytes (at most ${max}); Content-Type image/jpeg or image/png, checked against the content`, content: Object.fromEntries(IMAGE_TYPES.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }])) },
      },
      responses: {
        200: jsonContent(DocumentCheckSchema, "The zone read and the provider's outcome"),
        ...standardErrors,
        422: problem("No machine-readable zone could be read (ocr_unreadable)"),
      },
    }),
    async (c) => {
      need(c, "checks:run");
      const data = new Uint8Array(await c.req.arrayBuffer());
      const contentType = checkImage(c.req.header("content-type"), data, max);
      const result = await deps.identity.verifyDocument({ image: data, contentType });
      if (!result.mrz) throw new AppError("ocr_unreadable", "No machine-readable zone could be read from the image: photograph the whole data page, flat and in focus");
      const raw = (result.raw ?? {}) as { confidence?: number; ms?: number };
      const body = { provider: result.provider, outcome: result.outcome, reasons: result.reasons, mrz: presentMrz(result.mrz), ocr: { confidence: raw.confidence ?? null, ms: raw.ms ?? null } };
      return c.json(body as z.infer<typeof DocumentCheckSchema>, 200);
    },
  );

  return app;
}

/** JPEG or PNG by content, as declared, not empty and not too large; its type. */
function checkImage(header: string | undefined, data: Uint8Array, max: number): (typeof IMAGE_TYPES)[number] {
  if (data.length === 0) throw new AppError("validation_failed", "The image is empty", { issues: [{ path: "body", message: "is empty", code: "empty" }] });
  if (data.length > max) throw new AppError("payload_too_large", `An image may have at most ${max} bytes`, { issues: [{ path: "body", message: `is larger than ${max} bytes`, code: "too_big", params: { maximum: max } }] });
  const declared = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const refuse = (message: string, code: string) => new AppError("unsupported_media_type", message, { issues: [{ path: "body", message, code }] });
  if (!(IMAGE_TYPES as readonly string[]).includes(declared)) throw refuse(`Send the image as image/jpeg or image/png (got ${declared.slice(0, 80) || "no content type"})`, "unsupported_type");
  const actual = sniffType(data);
  if (actual !== "image/jpeg" && actual !== "image/png") throw refuse(`The content is ${actual ?? describeBytes(data)}, not ${declared}: the image was refused`, "unsupported_type");
  if (actual !== declared) throw refuse(`The content is ${actual}, not ${declared} as declared: the image was refused`, "type_mismatch");
  return actual;
}
