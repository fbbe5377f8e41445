import { z } from "@hono/zod-openapi";
import { ERROR_CODES, type ErrorCode } from "../kernel/errors";

export { z };

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]).openapi({ description: "Stable machine-readable error code" }),
    instance: z.string(),
    requestId: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional(),
          params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
        }),
      )
      .optional()
      .openapi({ description: "Field-level problems; `path` is e.g. `body.email`" }),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The error responses every authenticated JSON route can give. */
export const standardErrors = {
  400: problem("Invalid request (validation_failed, malformed_json, unknown_field)"),
  401: problem("Not signed in, session expired, or bad API key"),
  403: problem("Not allowed (forbidden, csrf_invalid, out_of_scope)"),
  413: problem("Body too large"),
  415: problem("Body is not application/json"),
  429: problem("Rate limited"),
} as const;

export const notFoundError = { 404: problem("Not found") } as const;
export const conflictError = { 409: problem("Conflict") } as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const security: Array<Record<string, string[]>> = [{ session: [] }, { apiKey: [] }];

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
