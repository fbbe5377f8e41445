import type { Executor } from "../../db";
import { AppError } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import { normalizeEmail, normalizeLocale, normalizePhone } from "./contacts";

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks, CRLF or LF, a BOM tolerated. Blank records are kept (row numbers stay true). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const blank = (r: string[]) => r.every((cell) => cell.trim() === "");

export const CSV_COLUMNS = ["email", "phone", "name", "locale", "customer_id", "lists"] as const;
export const MAX_IMPORT_ROWS = 10_000;

export interface ImportProblem {
  /** 1-based record number in the CSV (the header is 1; blank records count). */
  row: number;
  column: string | null;
  message: string;
}
export interface ImportResult {
  created: number;
  updated: number;
  errors: ImportProblem[];
}

/**
 * Imports contacts from CSV with a header row (columns in any order; unknown columns refused).
 * A row matching an existing contact by customer_id, email or phone updates it (lists are merged);
 * other rows create contacts. A bad row is reported with its line and column and skipped; the good
 * rows are kept. `defaultLists` are added to every imported contact.
 */
export async function importContacts(db: Executor, tenantId: string, csv: string, now: Date, defaultLists: string[] = []): Promise<ImportResult> {
  const rows = parseCsv(csv);
  while (rows.length && blank(rows[0] as string[])) rows.shift();
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (header.length === 0 || unknown.length || !header.some((h) => h === "email" || h === "phone" || h === "customer_id")) {
    throw new AppError("validation_failed", "The first row must name the columns", {
      issues: [{ path: "body.csv", message: `header row with columns among ${CSV_COLUMNS.join(", ")} (email, phone or customer_id required)${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}`, code: "bad_header" }],
    });
  }
  if (rows.filter((r) => !blank(r)).length > MAX_IMPORT_ROWS) {
    throw new AppError("validation_failed", `At most ${MAX_IMPORT_ROWS} rows per import`, { issues: [{ path: "body.csv", message: `at most ${MAX_IMPORT_ROWS} rows`, code: "too_big", params: { maximum: MAX_IMPORT_ROWS } }] });
  }
  const result: ImportResult = { created: 0, updated: 0, errors: [] };
  const seen = new Map<string, number>();
  for (const [index, cells] of rows.entries()) {
    const line = index + 2;
    if (blank(cells)) continue;
    const get = (col: string) => {
      const at = header.indexOf(col);
      return at >= 0 ? (cells[at] ?? "").trim() : "";
    };
    const problem = (column: string | null, message: string) => result.errors.push({ row: line, column, message });
    if (cells.length > header.length) {
      problem(null, `has ${cells.length} cells for ${header.length} columns`);
      continue;
    }
    const email = get("email") ? normalizeEmail(get("email")) : null;
    if (get("email") && !email) {
      problem("email", "is not an email address");
      continue;
    }
    const phone = get("phone") ? normalizePhone(get("phone")) : null;
    if (get("phone") && !phone) {
      problem("phone", "is not a phone number in E.164 form");
      continue;
    }
    const locale = get("locale") ? normalizeLocale(get("locale")) : null;
    if (get("locale") && !locale) {
      problem("locale", "is not a language tag");
      continue;
    }
    const customerId = get("customer_id").slice(0, 100) || null;
    if (!email && !phone && !customerId) {
      problem(null, "needs an email, a phone or a customer_id");
      continue;
    }
    const lists = [...new Set([...defaultLists, ...get("lists").split(/[;|]/).map((l) => l.trim()).filter(Boolean)])];
    if (lists.some((l) => l.length > 64)) {
      problem("lists", "list names are at most 64 characters");
      continue;
    }
    const name = get("name").slice(0, 200) || null;
    const keys = [customerId && `c:${customerId}`, email && `e:${email}`, phone && `p:${phone}`].filter((k): k is string => !!k);
    const repeat = keys.find((k) => seen.has(k));
    if (repeat) {
      problem(null, `repeats line ${seen.get(repeat)}`);
      continue;
    }
    for (const k of keys) seen.set(k, line);
    const outcome = await upsertRow(db, tenantId, { email, phone, customerId, name, locale, lists }, now);
    if (outcome === "conflict") problem(null, "its email, phone and customer_id belong to different contacts");
    else result[outcome] += 1;
  }
  return result;
}

interface Row {
  email: string | null;
  phone: string | null;
  customerId: string | null;
  name: string | null;
  locale: string | null;
  lists: string[];
}

async function upsertRow(db: Executor, tenantId: string, r: Row, now: Date): Promise<"created" | "updated" | "conflict"> {
  const matches = await db
    .selectFrom("contacts")
    .select(["id", "lists"])
    .where("tenant_id", "=", tenantId)
    .where((eb) =>
      eb.or([
        ...(r.customerId ? [eb("customer_id", "=", r.customerId)] : []),
        ...(r.email ? [eb("email", "=", r.email)] : []),
        ...(r.phone ? [eb("phone", "=", r.phone)] : []),
      ]),
    )
    .execute();
  if (matches.length > 1) return "conflict";
  const match = matches[0];
  if (!match) {
    await db
      .insertInto("contacts")
      .values({ tenant_id: tenantId, id: newId(), email: r.email, phone: r.phone, customer_id: r.customerId, name: r.name, locale: r.locale, lists: r.lists, attributes: "{}", created_at: now, updated_at: now })
      .execute();
    return "created";
  }
  await db
    .updateTable("contacts")
    .set({
      ...(r.email ? { email: r.email } : {}),
      ...(r.phone ? { phone: r.phone } : {}),
      ...(r.customerId ? { customer_id: r.customerId } : {}),
      ...(r.name ? { name: r.name } : {}),
      ...(r.locale ? { locale: r.locale } : {}),
      lists: [...new Set([...match.lists, ...r.lists])],
      updated_at: now,
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", match.id)
    .execute();
  return "updated";
}
