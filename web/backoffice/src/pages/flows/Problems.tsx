import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FlowProblem } from "../../api/types";
import { isLocale, LOCALE_NAMES } from "../../i18n/locales";
import type { Definition } from "./model";

/** Problem codes with a sentence of their own; any other code reads as "not valid" plus the server's note. */
export const PROBLEM_CODES = new Set([
  "product_mismatch",
  "no_steps",
  "duplicate_id",
  "unknown_field",
  "forward_reference",
  "type_mismatch",
  "unknown_option",
  "unknown_kind",
  "invalid_settings",
  "zero_minutes",
  "review_count",
  "review_last",
  "no_options",
  "no_accept",
  "not_file",
  "min_above_max",
  "not_payment_step",
  "missing_payment",
  "no_amount",
  "exclusive",
  "bad_amount_field",
  "missing_translation",
  "prefill_mismatch",
  "currency_mismatch",
  "invalid",
]);

/** `steps[1].fields[2].showIf.all[0].field` → "Step work › Field employer › Condition › Row 1 › Field". */
export function describePath(t: TFunction, def: Definition, path: string): string {
  const parts: string[] = [];
  let step: Definition["steps"][number] | undefined;
  for (const seg of path.split(".")) {
    const m = /^([A-Za-z-]+)(?:\[(\d+)\])?$/.exec(seg);
    if (!m) {
      parts.push(seg);
      continue;
    }
    const [, name = "", idx] = m;
    const i = idx === undefined ? -1 : Number(idx);
    if (isLocale(name)) parts.push(LOCALE_NAMES[name]);
    else if (name === "steps" && i >= 0) {
      step = def.steps[i];
      parts.push(t("flows.steps.step", { id: step?.id ?? i + 1 }));
    } else if (name === "fields" && i >= 0) parts.push(t("flows.field.title", { id: step?.fields[i]?.id ?? i + 1 }));
    else if (name === "options" && i >= 0) parts.push(t("flows.field.optionLabel", { n: i + 1 }));
    else if (name === "welcome" && i >= 0) parts.push(t("flows.welcome.item", { n: i + 1 }));
    else if ((name === "all" || name === "any") && i >= 0) parts.push(t("flows.where.row", { n: i + 1 }));
    else if (name === "all" || name === "any" || name === "not") continue;
    else parts.push(t(`flows.where.${name}`, { defaultValue: name }));
  }
  return parts.join(" › ");
}

/**
 * The path inside the definition of a problem the API reported, in the editor's own notation:
 * `body.definition.steps.0.fields.2.label` → `steps[0].fields[2].label`.
 */
export function definitionPath(path: string): string {
  return path.replace(/^(body\.)?(definition\.)?/, "").replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/** The check's findings (errors first), each with a link that opens and focuses what it is about. */
export function ProblemList({ problems, def, onGo, headingId }: { problems: FlowProblem[]; def: Definition; onGo(path: string): void; headingId: string }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => Number(a.severity === "warning") - Number(b.severity === "warning"));
  const errors = problems.filter((p) => p.severity !== "warning").length;
  return (
    <section className="problems card" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {t("flows.problems.title", { n: problems.length })}
      </h2>
      <p className="muted">{errors > 0 ? t("flows.problems.blocking", { n: errors }) : t("flows.problems.warningsOnly")}</p>
      <ul className="problems__list">
        {sorted.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two problems may share path and code
          <li key={i} className={`problems__item problems__item--${p.severity === "warning" ? "warning" : "error"}`}>
            <span className={`badge ${p.severity === "warning" ? "badge--warn" : "badge--error"}`}>{p.severity === "warning" ? t("flows.problems.warning") : t("flows.problems.error")}</span>{" "}
            {PROBLEM_CODES.has(p.code) ? (
              <span>{t(`flows.problems.codes.${p.code}`)}</span>
            ) : (
              <span>
                {t("flows.problems.codes.invalid")}{" "}
                <span className="muted" lang="en" dir="ltr">
                  ({p.message})
                </span>
              </span>
            )}{" "}
            <button type="button" className="button button--link" onClick={() => onGo(p.path)}>
              {describePath(t, def, p.path) || t("flows.where.flow")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
