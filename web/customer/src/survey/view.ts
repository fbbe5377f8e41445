/** The pieces of the page around the questions: language switch, progress bar, messages, ending. */
import type { SurveyDefinition } from "../../../../src/modules/feedback/definition/types";
import { LOCALE_NAMES, type Locale, type Messages } from "../i18n";
import { h, svg } from "./dom";

export function languageSwitch(def: SurveyDefinition | null, locale: Locale, m: Messages, onChange: (l: Locale) => void): HTMLElement | null {
  const langs = (def?.languages ?? []).filter((l): l is Locale => l in LOCALE_NAMES);
  if (langs.length < 2) return null;
  const select = h("select", { id: "lang" });
  for (const l of langs) select.append(h("option", { value: l, lang: l, selected: l === locale }, LOCALE_NAMES[l]));
  select.addEventListener("change", () => onChange(select.value as Locale));
  return h("div", { class: "lang" }, h("label", { for: "lang", class: "vh" }, m.language), select);
}

export function progressBar(done: number, total: number, m: Messages): HTMLElement {
  const pct = total > 0 ? Math.max(0, Math.min(100, Math.round((done / total) * 100))) : 0;
  const fill = h("div", { class: "progress-fill" });
  fill.style.inlineSize = `${pct}%`;
  return h(
    "div",
    { class: "progress", role: "progressbar", "aria-label": m.progress, "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": pct, "aria-valuetext": `${pct}%` },
    fill,
  );
}

/** Skip link, header (bank name, language switch) and footer around `main`; embedded, only the language switch. */
export function frame(main: Node[], bank: string, lang: HTMLElement | null, embedded: boolean, m: Messages): Node[] {
  const parts: Node[] = [];
  if (!embedded) {
    parts.push(h("a", { class: "skip", href: "#main" }, m.skip), h("header", { class: "top" }, h("span", { class: "bank" }, bank), lang ?? ""));
  } else if (lang) {
    parts.push(h("header", { class: "top top-embedded" }, lang));
  }
  parts.push(h("main", { id: "main", tabindex: "-1" }, ...main));
  if (!embedded) parts.push(h("footer", { class: "foot" }, h("p", {}, lockIcon(), m.secure)));
  return parts;
}

export function lockIcon(): SVGSVGElement {
  return svg("0 0 16 16", 14, [{ d: "M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" }], "lock");
}

/** "About 3 minutes", plural forms right in every language (Intl units). */
export function durationText(minutes: number, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long" }).format(minutes);
  } catch {
    return String(minutes);
  }
}

/** The two messages an embedding page listens for (public API item 7). */
export function postToParent(message: Record<string, unknown>): void {
  if (window.parent === window) return;
  window.parent.postMessage({ source: "atrium-survey", ...message }, "*");
}

/** Tells the embedding page the height of the survey whenever it changes. */
export function reportHeight(surveyId: string): void {
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    postToParent({ type: "height", surveyId, height });
  };
  if ("ResizeObserver" in window) new ResizeObserver(send).observe(document.body);
  send();
}

/** The ending: its title and text (from the definition when known, else as the server sent them) and a pending redirect. */
export function endingView(title: string, text: string, redirectUrl: string | undefined, quota: boolean, m: Messages): Node[] {
  const out: Node[] = [h("h1", { id: "title", tabindex: "-1" }, title || m.quotaFull)];
  if (text) out.push(h("p", {}, text));
  else if (quota && title) out.push(h("p", {}, m.quotaFull));
  if (redirectUrl && /^https:\/\//i.test(redirectUrl)) {
    out.push(h("p", { class: "muted" }, m.redirecting), h("p", {}, h("a", { href: redirectUrl, class: "button button-link" }, m.continue)));
  }
  return out;
}
