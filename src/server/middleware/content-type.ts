import type { MiddlewareHandler } from "hono";
import { AppError } from "../../kernel/errors";

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Write requests to the JSON API must say they send JSON. A body of another type is refused
 * with 415 before any handler runs, instead of being read as an empty object.
 */
export function requireJsonBody(opts: { exempt?: RegExp } = {}): MiddlewareHandler {
  return async (c, next) => {
    const m = c.req.method;
    if (opts.exempt?.test(c.req.path)) return next();
    if (m === "POST" || m === "PUT" || m === "PATCH" || m === "DELETE") {
      const length = c.req.header("content-length");
      const hasBody =
        length !== undefined
          ? length !== "0"
          : c.req.header("transfer-encoding") !== undefined || c.req.raw.body !== null;
      const type = c.req.header("content-type");
      if (hasBody && !(type && JSON_TYPE.test(type))) {
        throw new AppError("unsupported_media_type", `Send the body as application/json (got ${type ?? "no content type"})`);
      }
    }
    await next();
  };
}
