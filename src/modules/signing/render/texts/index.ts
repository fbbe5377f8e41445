import type { BuiltinKind } from "../index";
import type { Lang } from "../shape";
import * as en from "./en";
import type { CommonText, TemplateText } from "./types";

const ALL: Partial<Record<Lang, { common: CommonText; templates: Record<BuiltinKind, TemplateText> }>> = { en };

export function commonText(lang: Lang): CommonText {
  return (ALL[lang] ?? en).common;
}

export function templateText(kind: BuiltinKind, lang: Lang): TemplateText {
  return (ALL[lang] ?? en).templates[kind];
}
