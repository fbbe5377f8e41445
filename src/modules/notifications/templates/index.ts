import { ar } from "./ar";
import { COMPLIANCE_TEXTS } from "./compliance";
import { en } from "./en";
import { he } from "./he";
import { ONBOARDING_TEXTS } from "./onboarding";
import { SIGNING_TEXTS } from "./signing";
import {
  type Action,
  type AnswerLinks,
  type FullCatalog,
  MESSAGE_LOCALES,
  type MessageLocale,
  TEMPLATE_VARS,
  type TemplateName,
  type TemplateText,
} from "./types";
import { zhHans } from "./zh-hans";
import { zhHant } from "./zh-hant";

export { MESSAGE_LOCALES, TEMPLATE_NAMES, TEMPLATE_VARS } from "./types";
export type { Catalog, MessageLocale, TemplateName, TemplateText } from "./types";

/**
 * Why a typed map and not i18next: these are seven server-side messages with only simple
 * `{{var}}` slots. A plain `Record<TemplateName, …>` per locale makes a missing template a
 * compile error, needs no init or global instance inside the worker, and keeps HTML escaping in
 * one place below. The one thing i18next would add, plurals, comes from Intl instead: `minutes`
 * and `days` are formatted with Intl.NumberFormat units, which know Arabic duals and Hebrew
 * "יומיים". The back office, with hundreds of strings, uses i18next.
 */
export const CATALOGS: Record<MessageLocale, FullCatalog> = {
  en: { ...en, ...ONBOARDING_TEXTS.en, ...COMPLIANCE_TEXTS.en, ...SIGNING_TEXTS.en },
  he: { ...he, ...ONBOARDING_TEXTS.he, ...COMPLIANCE_TEXTS.he, ...SIGNING_TEXTS.he },
  ar: { ...ar, ...ONBOARDING_TEXTS.ar, ...COMPLIANCE_TEXTS.ar, ...SIGNING_TEXTS.ar },
  "zh-Hans": { ...zhHans, ...ONBOARDING_TEXTS["zh-Hans"], ...COMPLIANCE_TEXTS["zh-Hans"], ...SIGNING_TEXTS["zh-Hans"] },
  "zh-Hant": { ...zhHant, ...ONBOARDING_TEXTS["zh-Hant"], ...COMPLIANCE_TEXTS["zh-Hant"], ...SIGNING_TEXTS["zh-Hant"] },
};

const RTL = new Set<MessageLocale>(["he", "ar"]);
/** Variables shown as a localized duration; their value is a whole number. */
const DURATIONS: Record<string, "minute" | "day"> = { minutes: "minute", days: "day" };
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * Best supported locale for a BCP 47 tag: exact match, else by language (and script for Chinese:
 * zh / zh-CN / zh-SG → zh-Hans, zh-TW / zh-HK / zh-MO → zh-Hant; legacy `iw` → he); else en.
 */
export function resolveLocale(tag: string | null | undefined): MessageLocale {
  if (!tag) return "en";
  let max: Intl.Locale;
  try {
    max = new Intl.Locale(tag.replace(/_/g, "-")).maximize();
  } catch {
    return "en";
  }
  if (max.language === "zh") return max.script === "Hant" ? "zh-Hant" : "zh-Hans";
  const lang = max.language as MessageLocale;
  return (MESSAGE_LOCALES as readonly string[]).includes(lang) ? lang : "en";
}

export function isRtl(locale: MessageLocale): boolean {
  return RTL.has(locale);
}

/** The `{{var}}` names a template text uses, plus `link` (or its `href`) per button and answer-link variables. */
export function placeholdersOf(t: TemplateText): Set<string> {
  const names = new Set<string>();
  for (const part of [t.subject, ...t.body]) {
    if (typeof part === "string") for (const m of part.matchAll(PLACEHOLDER)) names.add(m[1] as string);
    else if (isAnswers(part)) names.add(part.answers);
    else names.add(part.href ?? "link");
  }
  return names;
}

/** Variables holding URLs (buttons and small links): they must be http(s). */
function urlVars(t: TemplateText): Set<string> {
  const names = new Set(["link"]);
  for (const part of t.body) if (typeof part !== "string" && !isAnswers(part)) names.add(part.href ?? "link");
  return names;
}

interface AnswerLinksValue {
  text: string;
  low?: string;
  high?: string;
  options: Array<{ label: string; url: string }>;
}

const HTTP_URL = /^https?:\/\/[^\s]+$/i;

/** Parses and checks an AnswerLinks variable ("" = none). */
function parseAnswers(key: string, raw: string): AnswerLinksValue | null {
  if (raw === "") return null;
  let v: AnswerLinksValue;
  try {
    v = JSON.parse(raw) as AnswerLinksValue;
  } catch {
    throw new Error(`Template variable ${key} must be JSON answer links`);
  }
  const str = (x: unknown) => typeof x === "string";
  const ok =
    v && str(v.text) && (v.low === undefined || str(v.low)) && (v.high === undefined || str(v.high)) && Array.isArray(v.options) && v.options.length > 0 &&
    v.options.every((o) => o && str(o.label) && str(o.url) && HTTP_URL.test(o.url));
  if (!ok) throw new Error(`Template variable ${key} must hold text and options with http(s) URLs`);
  return v;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface Rendered {
  locale: MessageLocale;
  subject: string;
  text: string;
  html: string;
}

/** Checks and formats the variables: every declared one present, links http(s), durations whole numbers. */
function prepareVars(name: TemplateName, locale: MessageLocale, vars: Record<string, string>, t: TemplateText): Record<string, string> {
  const out: Record<string, string> = {};
  const urls = urlVars(t);
  const answerVars = new Set(t.body.filter(isAnswers).map((p) => p.answers));
  for (const key of TEMPLATE_VARS[name] as readonly string[]) {
    const value = vars[key];
    if (typeof value !== "string") throw new Error(`Template ${name} needs the variable ${key}`);
    const unit = DURATIONS[key];
    if (unit) {
      if (!/^\d{1,6}$/.test(value)) throw new Error(`Template variable ${key} must be a whole number`);
      out[key] = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(Number(value));
    } else if (urls.has(key)) {
      if (!HTTP_URL.test(value)) throw new Error(`Template variable ${key} must be an http(s) URL`);
      out[key] = value;
    } else if (answerVars.has(key)) {
      parseAnswers(key, value);
      out[key] = value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

function interpolate(text: string, vars: Record<string, string>, wrap: (v: string) => string): string {
  return text.replace(PLACEHOLDER, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`Template uses {{${key}}}, which it does not declare`);
    return wrap(value);
  });
}

type Part = string | Action | AnswerLinks;
const isAnswers = (part: Part): part is AnswerLinks => typeof part !== "string" && "answers" in part;
const isAction = (part: Part): part is Action => typeof part !== "string" && "action" in part;
/** Parts left out: answer links whose variable is empty. */
const shown = (t: TemplateText, vars: Record<string, string>) => t.body.filter((p) => !isAnswers(p) || vars[p.answers] !== "");

function renderText(t: TemplateText, vars: Record<string, string>): string {
  return shown(t, vars)
    .map((part) => {
      if (isAnswers(part)) {
        const a = parseAnswers(part.answers, vars[part.answers] ?? "") as AnswerLinksValue;
        const ends = a.low || a.high ? [`(${[a.low && `${a.options[0]?.label} = ${a.low}`, a.high && `${a.options[a.options.length - 1]?.label} = ${a.high}`].filter(Boolean).join(", ")})`] : [];
        return [a.text, ...ends, ...a.options.map((o) => `${o.label}: ${o.url}`)].join("\n");
      }
      if (isAction(part)) return part.href ? `${part.action}: ${vars[part.href]}` : `${part.action}:\n${vars.link}`;
      return interpolate(part, vars, (v) => v);
    })
    .join("\n\n");
}

/** The first question as tappable answers: a row of boxes for scales, stacked buttons for choices. */
function answersHtml(a: AnswerLinksValue, dir: "ltr" | "rtl"): string {
  const e = escapeHtml;
  const start = dir === "rtl" ? "right" : "left";
  const end = dir === "rtl" ? "left" : "right";
  const scale = a.options.every((o) => o.label.length <= 3);
  const head = `<p style="margin:8px 0 12px;font-weight:600">${e(a.text)}</p>`;
  if (!scale) {
    const buttons = a.options
      .map((o) => `<p style="margin:0 0 8px"><a href="${e(o.url)}" style="display:block;padding:10px 14px;border:1px solid #1d4ed8;border-radius:6px;color:#1d4ed8;text-decoration:none">${e(o.label)}</a></p>`)
      .join("\n");
    return `${head}\n${buttons}`;
  }
  const cells = a.options
    .map((o) => `<td style="padding:2px"><a href="${e(o.url)}" style="display:block;min-width:28px;padding:10px 0;border:1px solid #1d4ed8;border-radius:6px;color:#1d4ed8;text-decoration:none;text-align:center;font-weight:600">${e(o.label)}</a></td>`)
    .join("");
  const ends =
    a.low || a.high
      ? `\n<table role="presentation" dir="${dir}" width="100%" style="border-collapse:collapse;font-size:13px;color:#52606d"><tr><td style="text-align:${start}">${e(a.low ?? "")}</td><td style="text-align:${end}">${e(a.high ?? "")}</td></tr></table>`
      : "";
  return `${head}\n<table role="presentation" dir="${dir}" width="100%" style="border-collapse:collapse;table-layout:fixed"><tr>${cells}</tr></table>${ends}`;
}

const FONT =
  "system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Hebrew','Noto Naskh Arabic','PingFang SC','PingFang TC','Microsoft YaHei','Microsoft JhengHei',sans-serif";

/**
 * A deliberately plain HTML part: inline styles only (mail clients drop <style>), no images, no
 * scripts. Every variable is escaped and isolated with <bdi> so a Latin name or number cannot
 * reorder RTL text; the link is printed under the button, left-to-right, for clients that
 * block buttons.
 */
function renderHtml(t: TemplateText, vars: Record<string, string>, locale: MessageLocale): string {
  const dir = isRtl(locale) ? "rtl" : "ltr";
  const safe = (v: string) => `<bdi>${escapeHtml(v)}</bdi>`;
  const link = escapeHtml(vars.link ?? "");
  const parts = shown(t, vars).map((part) =>
    isAnswers(part)
      ? answersHtml(parseAnswers(part.answers, vars[part.answers] ?? "") as AnswerLinksValue, dir)
      : isAction(part) && part.href
        ? `<p style="margin:24px 0 0;font-size:13px;color:#52606d"><a href="${escapeHtml(vars[part.href] ?? "")}" style="color:#52606d">${escapeHtml(part.action)}</a></p>`
        : isAction(part)
      ? `<p style="margin:24px 0"><a href="${link}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(part.action)}</a></p>\n<p dir="ltr" style="font-size:13px;color:#52606d;word-break:break-all;text-align:left"><a href="${link}" style="color:#1d4ed8">${link}</a></p>`
      : `<p style="margin:0 0 16px">${interpolate(escapeHtml(part), vars, safe)}</p>`,
  );
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${interpolate(escapeHtml(t.subject), vars, escapeHtml)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6">
<div dir="${dir}" style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;color:#1f2933;font-family:${FONT};font-size:16px;line-height:1.6;text-align:${dir === "rtl" ? "right" : "left"}">
${parts.join("\n")}
</div>
</body>
</html>`;
}

/** Renders a template in the best locale for `localeTag`. Throws on a missing or malformed variable. */
export function renderTemplate(name: TemplateName, localeTag: string, vars: Record<string, string>): Rendered {
  const locale = resolveLocale(localeTag);
  const t = CATALOGS[locale][name];
  if (!t) throw new Error(`Unknown template ${name}`);
  const prepared = prepareVars(name, locale, vars, t);
  return {
    locale,
    subject: interpolate(t.subject, prepared, (v) => v.replace(/[\r\n]+/g, " ")),
    text: renderText(t, prepared),
    html: renderHtml(t, prepared, locale),
  };
}
