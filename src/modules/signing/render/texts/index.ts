import type { BuiltinKind, Lang } from "../index";
import * as ar from "./ar";
import * as en from "./en";
import * as he from "./he";
import type { CommonText, TemplateText } from "./types";
import * as zhHans from "./zh-Hans";
import * as zhHant from "./zh-Hant";

const ALL: Record<Lang, { common: CommonText; templates: Record<BuiltinKind, TemplateText> }> = { en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant };

export function commonText(lang: Lang): CommonText {
  return (ALL[lang] ?? en).common;
}

export function templateText(kind: BuiltinKind, lang: Lang): TemplateText {
  return (ALL[lang] ?? en).templates[kind];
}
