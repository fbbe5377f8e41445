import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Db } from "../../db";
import type { Actor } from "../../kernel/access";
import type { Question, SurveyDefinition, Text } from "./definition/types";
import { applyFilters, type ResponseFilters } from "./responses-query";

/** Yes / No for consent answers, per locale. */
const YES_NO: Record<string, [string, string]> = {
  en: ["Yes", "No"],
  he: ["כן", "לא"],
  ar: ["نعم", "لا"],
  "zh-Hans": ["是", "否"],
  "zh-Hant": ["是", "否"],
};

export const textIn = (t: Text | undefined, lang: string, fallback: string) => (t ? (t[lang] ?? t[fallback] ?? Object.values(t)[0] ?? "") : "");

/** An answer as text for reading: choice texts, "7", "Yes", "a, b". */
export function renderAnswer(q: Question | undefined, value: unknown, lang: string, def: SurveyDefinition): string {
  if (value === null || value === undefined) return "";
  const fb = def.defaultLanguage;
  const choice = (id: unknown) => {
    const list = q && "choices" in q ? q.choices : [];
    const c = list.find((x) => x.id === id);
    return c ? textIn(c.text, lang, fb) : String(id);
  };
  if (!q) return typeof value === "string" ? value : JSON.stringify(value);
  switch (q.type) {
    case "single":
    case "dropdown":
      return choice(value);
    case "multi":
    case "picture":
      return (Array.isArray(value) ? value : [value]).map(choice).join(", ");
    case "ranking":
      return (Array.isArray(value) ? value : []).map(choice).join(" > ");
    case "matrix": {
      const label = (list: { id: string; text: Text }[], id: unknown) => textIn(list.find((x) => x.id === id)?.text, lang, fb) || String(id);
      return Object.entries(value as Record<string, unknown>)
        .map(([row, col]) => `${label(q.rows, row)}: ${(Array.isArray(col) ? col : [col]).map((c) => label(q.columns, c)).join(", ")}`)
        .join("; ");
    }
    case "consent": {
      const [yes, no] = YES_NO[lang] ?? YES_NO.en ?? ["Yes", "No"];
      return value === true ? yes : no;
    }
    case "file":
      return String((value as { fileId?: string }).fileId ?? "");
    case "contact":
    case "address":
      return Object.values(value as Record<string, string>)
        .filter((v) => v)
        .join(", ");
    default:
      return String(value);
  }
}

/** Cells a spreadsheet would run as a formula get a leading apostrophe (CSV injection). */
export const guardCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const META = ["id", "status", "language", "channel", "version", "startedAt", "completedAt", "durationSeconds", "contactId", "tags"] as const;

/**
 * One row per response, one column per question (loop answers as `question#item` columns), then
 * hidden fields. Answers are rendered in the survey's default language from each response's
 * own version. Returns the header and the rows (strings and numbers).
 */
export async function exportRows(db: Db, actor: Actor, surveyId: string, f: ResponseFilters, defs: Map<number, SurveyDefinition>) {
  const rows: { meta: (string | number)[]; answers: Record<string, string>; hidden: Record<string, string> }[] = [];
  const keys = new Set<string>();
  let last = 0;
  for (;;) {
    const batch = await applyFilters(
      db.selectFrom("survey_responses").select(["seq", "id", "status", "language", "channel", "version", "started_at", "completed_at", "duration_ms", "contact_id", "tags", "answers", "hidden"]),
      actor,
      surveyId,
      f,
    )
      .where("seq", ">", last)
      .orderBy("seq")
      .limit(2_000)
      .execute();
    for (const r of batch) {
      const def = defs.get(r.version);
      const answers: Record<string, string> = {};
      for (const [key, value] of Object.entries((r.answers ?? {}) as Record<string, unknown>)) {
        if (!def) continue;
        keys.add(key);
        answers[key] = renderAnswer(def.questions.find((q) => q.id === key.split("#")[0]), value, def.defaultLanguage, def);
      }
      rows.push({
        meta: [r.id, r.status, r.language, r.channel, r.version, iso(r.started_at), iso(r.completed_at), r.duration_ms === null ? "" : Math.round(r.duration_ms / 1000), r.contact_id ?? "", r.tags.join(", ")],
        answers,
        hidden: r.hidden ?? {},
      });
    }
    if (batch.length < 2_000) break;
    last = batch[batch.length - 1]?.seq as number;
  }
  const all = [...defs.values()];
  const order = new Map<string, number>();
  for (const d of all.reverse()) for (const q of d.questions) if (!order.has(q.id)) order.set(q.id, order.size);
  const columns = [...keys].sort((a, b) => (order.get(a.split("#")[0] as string) ?? 1e9) - (order.get(b.split("#")[0] as string) ?? 1e9) || a.localeCompare(b));
  const hiddenNames = [...new Set(all.flatMap((d) => d.hiddenFields ?? []))];
  const header = [...META, ...columns, ...hiddenNames.map((h) => `hidden.${h}`)];
  const body = rows.map((r) => [...r.meta, ...columns.map((k) => r.answers[k] ?? ""), ...hiddenNames.map((h) => r.hidden[h] ?? "")]);
  return { header, body };
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : "");
const guardAll = (row: (string | number)[]) => row.map((v) => (typeof v === "string" ? guardCell(v) : v));

/** UTF-8 with a BOM, so Excel reads Arabic, Hebrew and Chinese right. */
export function toCsv(header: string[], body: (string | number)[][]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stringify([header.map(guardCell), ...body.map(guardAll)]), "utf8")]);
}

export async function toXlsx(header: string[], body: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Responses");
  ws.addRow(header.map(guardCell));
  for (const row of body) ws.addRow(guardAll(row));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
