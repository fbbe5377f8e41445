import { z } from "@hono/zod-openapi";
import { AppError } from "../kernel/errors";

export const MAX_PAGE_SIZE = 200;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ description: `1–${MAX_PAGE_SIZE}` }),
  cursor: z.string().max(512).optional().openapi({ description: "`nextCursor` from the previous page" }),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Opaque cursors: base64url JSON of the last row's sort key. Tampered cursors are a 400. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, shape: z.ZodType<T>): T | null {
  if (!cursor) return null;
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("validation_failed", "The cursor is not valid", {
      issues: [{ path: "query.cursor", message: "is not a cursor this endpoint issued", code: "invalid_cursor" }],
    });
  }
}

/** Fetches limit+1 rows, returns `limit` of them and the cursor for the next page. */
export function paginate<R>(rows: R[], limit: number, keyOf: (row: R) => unknown[]) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}
