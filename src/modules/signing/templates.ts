/**
 * Document templates: the built-in ones (render/, every language) and those admins upload (one PDF
 * in one language, rows of document_templates, key `upload-<slug>`). Uploads start as drafts; an
 * admin places fields and activates them; changing the fields of an active template bumps its version.
 */
import type { Selectable } from "kysely";
import { type Executor, inTransaction } from "../../db";
import type { DocumentTemplatesTable, PlacedField, TemplatePage, TemplateStatus } from "../../db/schema-signing";
import type { Actor } from "../../kernel/access";
import { sha256Hex } from "../../kernel/crypto";
import { AppError, type FieldIssue } from "../../kernel/errors";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { type AuditContext, recordAudit } from "../audit/record";
import { PREFILL_KEYS } from "../onboarding/flow/types";
import { BUILTIN_TEMPLATES, type BuiltinTemplate, inspectPdf, type Lang, outlineFields, RENDER_LANGUAGES, type RenderedDocument, renderBuiltin } from "./render";
import { sampleData } from "./template-samples";

export type TemplateRow = Selectable<DocumentTemplatesTable>;

export interface TemplateSummary {
  key: string;
  source: "builtin" | "upload";
  id: string | null;
  name: Record<string, string>;
  products: string[];
  languages: string[];
  status: TemplateStatus;
  version: number;
  pageCount: number | null;
  fieldCount: number;
  updatedAt: string | null;
}

export interface Template extends TemplateSummary {
  pages: TemplatePage[];
  fields: PlacedField[];
  sha256: string | null;
}

export const templateBlobKey = (tenantId: string, id: string) => `signing/${tenantId}/templates/${id}.pdf`;
export const FIELD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ANSWER_FIELD_ID = /^[a-z][a-z0-9_]{0,63}$/;
const notFound = (key: string) => new AppError("not_found", `No document template ${key}`);

/** Sample renders of the built-ins (English), once per process: their pages and fields. */
const samples = new Map<string, Promise<RenderedDocument>>();
function sampleRender(t: BuiltinTemplate, language: Lang = "en"): Promise<RenderedDocument> {
  const k = `${t.key}:${language}`;
  let p = samples.get(k);
  if (!p) {
    p = renderBuiltin(t.kind, sampleData(t, language, new Date()));
    p.catch(() => samples.delete(k));
    samples.set(k, p);
  }
  return p;
}

export const builtinTemplate = (key: string): BuiltinTemplate | undefined => BUILTIN_TEMPLATES.find((t) => t.key === key);

function builtinSummary(t: BuiltinTemplate, r: RenderedDocument | null): TemplateSummary {
  return {
    key: t.key,
    source: "builtin",
    id: null,
    name: { ...t.name },
    products: [...t.products],
    languages: [...RENDER_LANGUAGES],
    status: "active",
    version: 1,
    pageCount: r ? r.pages.length : null,
    fieldCount: r ? r.fields.length : 0,
    updatedAt: null,
  };
}

function uploadSummary(row: TemplateRow): TemplateSummary {
  return {
    key: row.key,
    source: "upload",
    id: row.id,
    name: row.name,
    products: row.product ? [row.product] : [],
    languages: [row.language],
    status: row.status,
    version: row.version,
    pageCount: row.page_count,
    fieldCount: row.fields.length,
    updatedAt: row.updated_at.toISOString(),
  };
}

export const presentTemplate = (row: TemplateRow): Template => ({ ...uploadSummary(row), pages: row.pages, fields: row.fields, sha256: row.pdf_sha256 });

export async function listTemplates(db: Executor, tenantId: string): Promise<TemplateSummary[]> {
  const rows = await db.selectFrom("document_templates").selectAll().where("tenant_id", "=", tenantId).orderBy("created_at").orderBy("id").execute();
  const builtins = await Promise.all(BUILTIN_TEMPLATES.map(async (t) => builtinSummary(t, await sampleRender(t).catch(() => null))));
  return [...builtins, ...rows.map(uploadSummary)];
}

export async function templateRow(db: Executor, tenantId: string, key: string, opts: { forUpdate?: boolean } = {}): Promise<TemplateRow> {
  let q = db.selectFrom("document_templates").selectAll().where("tenant_id", "=", tenantId).where("key", "=", key);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(key);
  return row;
}

export async function getTemplate(db: Executor, tenantId: string, key: string): Promise<Template> {
  const builtin = builtinTemplate(key);
  if (builtin) {
    const r = await sampleRender(builtin);
    return { ...builtinSummary(builtin, r), pages: r.pages, fields: r.fields, sha256: null };
  }
  return presentTemplate(await templateRow(db, tenantId, key));
}

/** `upload-<slug>` from the name, with -2, -3 … when the tenant has it already. */
async function freeKey(db: Executor, tenantId: string, name: string): Promise<string> {
  const slug =
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48)
      .replace(/-+$/, "") || "template";
  const base = `upload-${slug}`;
  const taken = new Set((await db.selectFrom("document_templates").select("key").where("tenant_id", "=", tenantId).where("key", "like", `${base}%`).execute()).map((r) => r.key));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export interface UploadInput {
  name: string;
  language: string;
  product: string | null;
  pdf: Uint8Array;
}

export async function uploadTemplate(deps: Deps, audit: AuditContext, actor: Actor, input: UploadInput): Promise<Template> {
  const { pageCount, pages } = await inspectPdf(input.pdf);
  const id = newId();
  const blob = templateBlobKey(actor.tenantId, id);
  const sha = sha256Hex(input.pdf);
  await deps.blobs.put(blob, Buffer.from(input.pdf));
  try {
    const row = await inTransaction(deps.db, async (trx) => {
      const key = await freeKey(trx, actor.tenantId, input.name);
      const name: Record<string, string> = { en: input.name, [input.language]: input.name };
      const inserted = await trx
        .insertInto("document_templates")
        .values({
          tenant_id: actor.tenantId,
          id,
          key,
          name: JSON.stringify(name),
          product: input.product,
          language: input.language,
          pdf_blob: blob,
          pdf_sha256: sha,
          page_count: pageCount,
          pages: JSON.stringify(pages),
          fields: JSON.stringify([]),
          created_by: actor.id,
          created_at: audit.now,
          updated_at: audit.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, audit, { tenantId: actor.tenantId, action: "signing.template.uploaded", subjectType: "document_template", subjectId: id, data: { key, sha256: sha, pageCount, language: input.language, product: input.product } });
      return inserted;
    });
    return presentTemplate(row);
  } catch (err) {
    await deps.blobs.delete(blob).catch(() => undefined);
    throw err;
  }
}

/** Problems with placed fields on these pages (paths `body.fields.<i>.<prop>`); pages are numbered from 0, as pdf-lib and the renderer do. */
export function checkFields(fields: PlacedField[], pages: TemplatePage[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = (prop: string, message: string, code: string) => issues.push({ path: `body.fields.${i}${prop ? `.${prop}` : ""}`, message, code });
    if (!FIELD_ID.test(f.id)) at("id", "must be 1 to 64 letters, digits, - or _", "invalid_format");
    else if (seen.has(f.id)) at("id", `is used by an earlier field (${f.id})`, "duplicate");
    seen.add(f.id);
    const page = pages[f.page];
    if (!Number.isInteger(f.page) || !page) {
      at("page", `must be a page of the document: 0 to ${pages.length - 1} (pages are counted from 0)`, "out_of_range");
      return;
    }
    if (!(f.width > 0)) at("width", "must be more than 0", "too_small");
    if (!(f.height > 0)) at("height", "must be more than 0", "too_small");
    if (f.x < 0 || f.x + f.width > page.width) at("x", `the box must lie within the page's width (${page.width} points)`, "out_of_page");
    if (f.y < 0 || f.y + f.height > page.height) at("y", `the box must lie within the page's height (${page.height} points)`, "out_of_page");
    if (f.source !== undefined) {
      if (f.kind !== "text") at("source", "only text fields are filled from the application", "not_allowed");
      else if (!(PREFILL_KEYS as readonly string[]).includes(f.source) && !ANSWER_FIELD_ID.test(f.source)) at("source", `must be an answer's field id or one of ${PREFILL_KEYS.join(", ")}`, "invalid_value");
    }
  });
  return issues;
}

export interface TemplatePatch {
  name?: Record<string, string>;
  product?: string | null;
  fields?: PlacedField[];
  status?: TemplateStatus;
}

export async function updateTemplate(deps: Deps, audit: AuditContext, tenantId: string, key: string, patch: TemplatePatch): Promise<Template> {
  if (builtinTemplate(key)) throw new AppError("wrong_state", "Built-in templates cannot be changed", { issues: [{ path: "key", message: "is a built-in template", code: "builtin" }] });
  const row = await inTransaction(deps.db, async (trx) => {
    const cur = await templateRow(trx, tenantId, key, { forUpdate: true });
    const fields = patch.fields ?? cur.fields;
    if (patch.fields) {
      const issues = checkFields(patch.fields, cur.pages);
      if (issues.length) throw new AppError("validation_failed", `${issues.length} field(s) cannot be placed like this`, { issues });
    }
    const status = patch.status ?? cur.status;
    if (status === "active" && !fields.some((f) => f.kind === "signature")) {
      throw new AppError("validation_failed", "Place at least one signature field before activating the template", { issues: [{ path: patch.fields ? "body.fields" : "body.status", message: "needs at least one signature field", code: "signature_required" }] });
    }
    const fieldsChanged = patch.fields !== undefined && JSON.stringify(patch.fields) !== JSON.stringify(cur.fields);
    const version = fieldsChanged && cur.status === "active" ? cur.version + 1 : cur.version;
    const updated = await trx
      .updateTable("document_templates")
      .set({
        ...(patch.name ? { name: JSON.stringify(patch.name) } : {}),
        ...(patch.product !== undefined ? { product: patch.product } : {}),
        ...(patch.fields ? { fields: JSON.stringify(patch.fields) } : {}),
        status,
        version,
        updated_at: audit.now,
      })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", cur.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      tenantId,
      action: "signing.template.updated",
      subjectType: "document_template",
      subjectId: cur.id,
      data: { key, changed: Object.keys(patch), status, version, fieldCount: fields.length, ...(cur.status !== status ? { from: cur.status } : {}) },
    });
    return updated;
  });
  return presentTemplate(row);
}

/** The original uploaded PDF (built-ins have none: 404). */
export async function templatePdf(deps: Deps, tenantId: string, key: string): Promise<{ bytes: Buffer; row: TemplateRow }> {
  const row = await templateRow(deps.db, tenantId, key);
  return { bytes: await deps.blobs.get(row.pdf_blob), row };
}

/** Built-in: filled with sample data in `language`; upload: its PDF with the fields outlined. */
export async function templatePreview(deps: Deps, tenantId: string, key: string, language: Lang): Promise<Uint8Array> {
  const builtin = builtinTemplate(key);
  if (builtin) return (await renderBuiltin(builtin.kind, sampleData(builtin, language, deps.clock.now()))).pdf;
  const { bytes, row } = await templatePdf(deps, tenantId, key);
  return outlineFields(bytes, row.fields);
}
