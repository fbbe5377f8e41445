import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { DefinitionProblem } from "../../api/types";
import { LOCALE_NAMES, isLocale } from "../../i18n/locales";
import type { Definition } from "./model";

const CODES = new Set(["unknown_reference", "unreachable", "cycle", "duplicate_id", "type_mismatch", "empty_page", "bad_loop", "missing_translation", "invalid"]);

/** `questions[3].choices[1].text.ar` → "Question q4 › Choice 2 › Text (العربية)". */
export function describePath(t: TFunction, def: Definition, path: string): string {
  const parts: string[] = [];
  const segments = path.split(".");
  for (const seg of segments) {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(seg);
    if (!m) {
      parts.push(seg);
      continue;
    }
    const [, name = "", idx] = m;
    const i = idx === undefined ? -1 : Number(idx);
    if (isLocale(name)) parts.push(LOCALE_NAMES[name]);
    else if (name === "questions" && i >= 0) parts.push(t("surveys.where.question", { id: def.questions[i]?.id ?? i + 1 }));
    else if (name === "pages" && i >= 0) parts.push(t("surveys.structure.page", { n: i + 1 }));
    else if (name === "rules" && i >= 0) parts.push(t("surveys.rules.rule", { id: def.rules[i]?.id ?? i + 1 }));
    else if (name === "endings" && i >= 0) parts.push(t("surveys.endings.ending", { id: def.endings[i]?.id ?? i + 1 }));
    else if (name === "quotas" && i >= 0) parts.push(t("surveys.quotas.quota", { name: def.quotas[i]?.name ?? i + 1 }));
    else if (name === "loops" && i >= 0) parts.push(t("surveys.loops.loop", { id: def.loops[i]?.id ?? i + 1 }));
    else if (name === "variables" && i >= 0) parts.push(t("surveys.where.variable", { id: def.variables[i]?.id ?? i + 1 }));
    else if (name === "choices" || name === "rows" || name === "columns") parts.push(t(`surveys.where.${name}`, { n: i + 1 }));
    else if (name === "then") parts.push(t("surveys.rules.action", { n: i + 1 }));
    else if ((name === "all" || name === "any") && i >= 0) parts.push(t("surveys.where.condition", { n: i + 1 }));
    else if (name === "not" || name === "all" || name === "any") continue;
    else if (name === "left" || name === "right") parts.push(t(`surveys.logic.${name}`));
    else if (name === "op") parts.push(t("surveys.logic.operator"));
    else if (name === "question" || name === "hidden" || name === "variable" || name === "value") parts.push(t(`surveys.operands.${name}`));
    else if (name === "languages") parts.push(t("surveys.lang.offered"));
    else if (name === "defaultLanguage") parts.push(t("surveys.lang.default"));
    else parts.push(t(`surveys.where.fields.${name}`, { defaultValue: name }));
  }
  return parts.join(" › ");
}

/** The path inside the definition of a problem the API reported (`body.definition.rules[0].page`). */
export function definitionPath(path: string): string {
  return path.replace(/^body\.(definition\.)?/, "");
}

/** A problem to list; `text` (already translated) replaces the code's sentence, e.g. a refused save's field message. */
export type ShownProblem = DefinitionProblem & { text?: string };

/** The logic check's findings (errors first), each with a link that focuses the field it is about. */
export function ProblemList({ problems, def, onGo, headingId }: { problems: ShownProblem[]; def: Definition; onGo(path: string): void; headingId: string }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => Number(a.severity === "warning") - Number(b.severity === "warning"));
  const errors = problems.filter((p) => p.severity !== "warning").length;
  return (
    <section className="problems card" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {t("surveys.problems.title", { n: problems.length })}
      </h2>
      <p className="muted">{errors > 0 ? t("surveys.problems.blocking", { n: errors }) : t("surveys.problems.warningsOnly")}</p>
      <ul className="problems__list">
        {sorted.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two problems may share path and code
          <li key={i} className={`problems__item problems__item--${p.severity === "warning" ? "warning" : "error"}`}>
            <span className={`badge ${p.severity === "warning" ? "badge--warn" : "badge--error"}`}>{p.severity === "warning" ? t("surveys.problems.warning") : t("surveys.problems.error")}</span>{" "}
            <span>{p.text ?? t(`surveys.problems.codes.${CODES.has(p.code) ? p.code : "invalid"}`)}</span>{" "}
            <button type="button" className="button button--link" onClick={() => onGo(p.path)}>
              {describePath(t, def, p.path)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
