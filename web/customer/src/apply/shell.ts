/**
 * The page around every screen: language (chosen once, switchable), header with the bank's name,
 * the language switch and Sign out, `main` with the screen, and the footer. A screen is a function
 * that returns its nodes, so a language switch simply draws it again.
 */
import { APPLY_MESSAGES, type ApplyMessages } from "../i18n-apply";
import { dirOf, format, isLocale, LOCALE_NAMES, LOCALES, type Locale, matchLocale } from "../i18n";
import { h, svg } from "../survey/dom";

export const params = new URLSearchParams(location.search);

const browserLocale = (): Locale | null => {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const l = matchLocale(tag);
    if (l) return l;
  }
  return null;
};

/** `?lang=` wins, then the application's language (`preferred`), then the browser's. */
export const fromUrl: Locale | null = matchLocale(params.get("lang"));
export let locale: Locale = fromUrl ?? browserLocale() ?? "en";
/** The customer picked a language (the address or the switch): the application's does not override it. */
let chosen = fromUrl !== null;

export const m = (): ApplyMessages => APPLY_MESSAGES[locale];
export const t = (key: keyof ApplyMessages, vars: Record<string, string | number> = {}): string =>
  format(m()[key], Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));

interface ShellState {
  bank: string;
  languages: Locale[];
  signOut: (() => void) | null;
  /** Told of a language switch (the application saves it). */
  onLocale: ((l: Locale) => void) | null;
}
const shell: ShellState = { bank: "", languages: [...LOCALES], signOut: null, onLocale: null };
let screen: () => Node[] = () => [h("p", { role: "status", class: "muted" }, m().loading)];

export function configure(patch: Partial<ShellState>): void {
  Object.assign(shell, patch);
}

/** The application's language, unless the address named one. */
export function prefer(lang: string | null | undefined): void {
  if (chosen) return;
  const l = matchLocale(lang);
  if (l && isLocale(l)) locale = l;
}

export function setLanguages(list: readonly string[] | undefined): void {
  const known = (list ?? []).map((l) => matchLocale(l)).filter((l): l is Locale => l !== null);
  shell.languages = known.length > 0 ? known : [...LOCALES];
  if (!shell.languages.includes(locale)) locale = shell.languages[0] ?? "en";
}

function languageSwitch(): HTMLElement | null {
  if (shell.languages.length < 2) return null;
  const select = h("select", { id: "lang" });
  for (const l of shell.languages) select.append(h("option", { value: l, lang: l, selected: l === locale }, LOCALE_NAMES[l]));
  select.addEventListener("change", () => {
    if (!isLocale(select.value)) return;
    locale = select.value;
    chosen = true;
    const url = new URL(location.href);
    url.searchParams.set("lang", locale);
    history.replaceState(null, "", url);
    shell.onLocale?.(locale);
    draw(false);
    document.getElementById("lang")?.focus();
  });
  return h("div", { class: "lang" }, h("label", { for: "lang", class: "vh" }, m().language), select);
}

function draw(focus: boolean | string): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
  const app = document.getElementById("app");
  if (!app) return;
  const out = h("button", { type: "button", class: "link-button", id: "sign-out" }, m().signOut);
  out.addEventListener("click", () => shell.signOut?.());
  const tools = h("div", { class: "tools" }, languageSwitch(), shell.signOut ? out : null);
  const lock = svg("0 0 16 16", 14, [{ d: "M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" }], "lock");
  app.replaceChildren(
    h("a", { class: "skip", href: "#main" }, m().skip),
    h("header", { class: "top" }, h("span", { class: "bank" }, shell.bank), tools),
    h("main", { id: "main", tabindex: "-1" }, ...screen()),
    h("footer", { class: "foot" }, h("p", {}, lock, m().secure)),
  );
  const title = document.querySelector("h1")?.textContent;
  document.title = title ? `${title} · ${shell.bank || m().title}` : m().title;
  if (focus === true) document.getElementById("title")?.focus();
  else if (typeof focus === "string") (document.getElementById(focus) ?? document.getElementById("title"))?.focus();
}

/** Puts a screen on the page; `focus`: true for its title, an element id, or false. */
export function show(render: () => Node[], focus: boolean | string = true): void {
  screen = render;
  draw(focus);
  if (focus !== false) scrollTo(0, 0);
}

/** Draws the current screen again (after a state change that moves things around). */
export const redraw = (focus: boolean | string = false) => draw(focus);

export function title(text: string): HTMLHeadingElement {
  return h("h1", { id: "title", tabindex: "-1" }, text);
}

/** A title, a text and an optional button: for every "this can't go on" moment. */
export function message(titleKey: keyof ApplyMessages, textKey: keyof ApplyMessages | string, action?: { label: string; run: () => void }, vars: Record<string, string | number> = {}): void {
  show(() => {
    const text = textKey in m() ? t(textKey as keyof ApplyMessages, vars) : textKey;
    const button = action ? h("button", { type: "button", class: "button", id: "action" }, action.label) : null;
    button?.addEventListener("click", action?.run ?? (() => {}));
    return button ? [title(t(titleKey, vars)), h("p", { class: "lead" }, text), button] : [title(t(titleKey, vars)), h("p", { class: "lead" }, text)];
  });
}

/** "6 minutes" with plural rules right in every language. */
export function duration(minutes: number): string {
  try {
    return new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long" }).format(minutes);
  } catch {
    return String(minutes);
  }
}

export function money(amount: string | number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  try {
    return new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(mb);
  } catch {
    return `${mb.toFixed(1)} MB`;
  }
}

export const isoToday = (): Date => {
  const d = new Date();
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
};
