import type { Text } from "../../api/types";
import type { Definition } from "./model";

/** Every translatable string of a definition with its path, in reading order. */
export function allTexts(def: Definition): { path: string; text: Text | undefined }[] {
  const out: { path: string; text: Text | undefined }[] = [
    { path: "title", text: def.title },
    { path: "description", text: def.description },
  ];
  for (const [i, q] of def.questions.entries()) {
    const p = `questions[${i}]`;
    out.push({ path: `${p}.text`, text: q.text }, { path: `${p}.description`, text: q.description });
    if ("lowLabel" in q) out.push({ path: `${p}.lowLabel`, text: q.lowLabel }, { path: `${p}.highLabel`, text: q.highLabel });
    const lists: [string, { text: Text }[]][] = [];
    if ("choices" in q) lists.push(["choices", q.choices]);
    if (q.type === "matrix") lists.push(["rows", q.rows], ["columns", q.columns]);
    for (const [name, items] of lists) for (const [j, c] of items.entries()) out.push({ path: `${p}.${name}[${j}].text`, text: c.text });
    if (q.type === "text") out.push({ path: `${p}.placeholder`, text: q.placeholder });
    if (q.type === "consent") out.push({ path: `${p}.label`, text: q.label });
    if (q.type === "statement") out.push({ path: `${p}.buttonLabel`, text: q.buttonLabel });
  }
  for (const [i, e] of def.endings.entries()) out.push({ path: `endings[${i}].title`, text: e.title }, { path: `endings[${i}].text`, text: e.text });
  return out;
}

/** Strings written in the default language but not in `lang`: where a translation is missing. */
export function missingIn(def: Definition, lang: string): string[] {
  if (lang === def.defaultLanguage) return [];
  return allTexts(def)
    .filter(({ text }) => (text?.[def.defaultLanguage] ?? "").trim() !== "" && (text?.[lang] ?? "").trim() === "")
    .map(({ path }) => `${path}.${lang}`);
}

/** A copy of the definition with one language removed from every text. */
export function dropLanguage(def: Definition, lang: string): Definition {
  const strip = (t: Text | undefined): Text | undefined => {
    if (!t || !(lang in t)) return t;
    const { [lang]: _, ...rest } = t;
    return rest;
  };
  const choice = <C extends { text: Text }>(c: C): C => ({ ...c, text: strip(c.text) ?? {} });
  return {
    ...def,
    languages: def.languages.filter((l) => l !== lang),
    title: strip(def.title) ?? {},
    description: strip(def.description),
    questions: def.questions.map((q) => {
      const base = { ...q, text: strip(q.text) ?? {}, description: strip(q.description) };
      if ("lowLabel" in base) Object.assign(base, { lowLabel: strip(base.lowLabel), highLabel: strip(base.highLabel) });
      if ("choices" in base) Object.assign(base, { choices: base.choices.map(choice) });
      if (base.type === "matrix") Object.assign(base, { rows: base.rows.map(choice), columns: base.columns.map(choice) });
      if (base.type === "text") Object.assign(base, { placeholder: strip(base.placeholder) });
      if (base.type === "consent") Object.assign(base, { label: strip(base.label) ?? {} });
      if (base.type === "statement") Object.assign(base, { buttonLabel: strip(base.buttonLabel) });
      return JSON.parse(JSON.stringify(base));
    }),
    endings: def.endings.map((e) => JSON.parse(JSON.stringify({ ...e, title: strip(e.title) ?? {}, text: strip(e.text) }))),
  };
}
