/** Translations and piping references of every text of a definition (part of checkDefinition). */
import type { SurveyDefinition, Text } from "../definition/types";
import type { Report } from "./check";
import type { DefIndex, LoopSpan } from "./model";
import { PIPE_PATTERN } from "./piping";

interface TextSite {
  path: string;
  text: Text | undefined;
  /** The page the text is shown on (question texts), for what it can recall. */
  page?: number;
  loop?: LoopSpan;
}

function sites(def: SurveyDefinition, idx: DefIndex): TextSite[] {
  const out: TextSite[] = [
    { path: "title", text: def.title },
    { path: "description", text: def.description },
  ];
  def.questions.forEach((q, i) => {
    const page = idx.pageOfQuestion.get(q.id);
    const loop = page === undefined ? undefined : idx.loopAt.get(page);
    const add = (name: string, text: Text | undefined) => {
      const site: TextSite = { path: `questions[${i}].${name}`, text };
      if (page !== undefined) site.page = page;
      if (loop) site.loop = loop;
      out.push(site);
    };
    add("text", q.text);
    add("description", q.description);
    if ("lowLabel" in q) add("lowLabel", q.lowLabel);
    if ("highLabel" in q) add("highLabel", q.highLabel);
    if (q.type === "text") add("placeholder", q.placeholder);
    if (q.type === "consent") add("label", q.label);
    if (q.type === "statement") add("buttonLabel", q.buttonLabel);
    if ("choices" in q) q.choices.forEach((c, j) => {
        add(`choices[${j}].text`, c.text);
      });
    if (q.type === "matrix") {
      q.rows.forEach((c, j) => {
        add(`rows[${j}].text`, c.text);
      });
      q.columns.forEach((c, j) => {
        add(`columns[${j}].text`, c.text);
      });
    }
  });
  def.endings.forEach((e, i) => {
    out.push({ path: `endings[${i}].title`, text: e.title });
    out.push({ path: `endings[${i}].text`, text: e.text });
  });
  return out;
}

function checkPipes(site: TextSite, lang: string, value: string, def: SurveyDefinition, idx: DefIndex, report: Report): void {
  const path = `${site.path}.${lang}`;
  for (const m of value.matchAll(PIPE_PATTERN)) {
    const ref = m[1] ?? "";
    if (ref === "loop.item") {
      if (!site.loop) report(path, "bad_loop", "{{loop.item}} is only known inside a loop");
    } else if (ref.startsWith("hidden.")) {
      if (!def.hiddenFields.includes(ref.slice(7))) report(path, "unknown_reference", `no hidden field "${ref.slice(7)}"`);
    } else if (ref.startsWith("var.")) {
      if (!idx.variables.has(ref.slice(4))) report(path, "unknown_reference", `no variable "${ref.slice(4)}"`);
    } else if (!idx.questions.has(ref)) {
      report(path, "unknown_reference", `no question "${ref}"`);
    } else {
      const at = idx.pageOfQuestion.get(ref);
      const loop = at === undefined ? undefined : idx.loopAt.get(at);
      if (site.page !== undefined && at !== undefined && at > site.page) report(path, "invalid", `"${ref}" is asked later: it cannot be recalled here`);
      else if (loop && loop !== site.loop) report(path, "bad_loop", `"${ref}" is inside loop "${loop.loop.id}": only that loop can recall it`);
    }
  }
}

/** Missing translations (warnings) and piping references (errors) in every text. */
export function checkTexts(def: SurveyDefinition, idx: DefIndex, report: Report): void {
  for (const site of sites(def, idx)) {
    if (!site.text) continue;
    for (const lang of def.languages) {
      const s = site.text[lang];
      if (typeof s !== "string" || s.trim() === "") report(`${site.path}.${lang}`, "missing_translation", `no ${lang} text`);
    }
    for (const [lang, value] of Object.entries(site.text)) {
      if (typeof value === "string" && value.includes("{{")) checkPipes(site, lang, value, def, idx, report);
    }
  }
}
