import { dirOf, format, isLocale, LOCALE_NAMES, LOCALES, type Locale, MESSAGES, type Messages, matchLocale } from "./i18n";
import "./styles.css";

interface Bank {
  slug: string;
  name: string;
  defaultLocale: string;
}

type State = { kind: "loading" } | { kind: "invalid" } | { kind: "offline" } | { kind: "ready"; bank: Bank };

const params = new URLSearchParams(location.search);
// /c/{slug}/{page…}
const [, , slug = "", page = ""] = location.pathname.split("/").map((part) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return "";
  }
});
const SLUG_OK = /^[a-z0-9][a-z0-9-]{1,62}$/.test(slug);

function browserLocale(): Locale | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const m = matchLocale(tag);
    if (m) return m;
  }
  return null;
}

const fromUrl = params.get("lang");
let locale: Locale = isLocale(fromUrl) ? fromUrl : (matchLocale(fromUrl) ?? browserLocale() ?? "en");
const chosen = isLocale(fromUrl) || matchLocale(fromUrl) !== null || browserLocale() !== null;
let state: State = { kind: "loading" };

/** Tiny element builder: text only (never HTML), so nothing from the server can inject markup. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/** A padlock drawn as SVG: emoji fonts are not on every phone. */
function lockIcon(): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "14");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "lock");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", "M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z");
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return svg;
}

function link(to: string): string {
  return `/c/${encodeURIComponent(slug)}${to}?lang=${encodeURIComponent(locale)}`;
}

function languageSwitch(m: Messages): HTMLElement {
  const select = h("select", { id: "lang" });
  for (const l of LOCALES) {
    const opt = h("option", { value: l, lang: l }, LOCALE_NAMES[l]);
    if (l === locale) opt.selected = true;
    select.append(opt);
  }
  select.addEventListener("change", () => {
    if (!isLocale(select.value)) return;
    locale = select.value;
    const url = new URL(location.href);
    url.searchParams.set("lang", locale);
    history.replaceState(null, "", url);
    render();
    document.getElementById("lang")?.focus();
  });
  return h("div", { class: "lang" }, h("label", { for: "lang", class: "vh" }, m.language), select);
}

function body(m: Messages): Node[] {
  switch (state.kind) {
    case "loading":
      return [h("p", { role: "status", class: "muted" }, m.loading)];
    case "invalid":
      return [h("h1", { tabindex: "-1" }, m.invalidTitle), h("p", { role: "alert", class: "notice" }, m.invalidLink)];
    case "offline": {
      const retry = h("button", { type: "button", class: "button" }, m.retry);
      retry.addEventListener("click", () => void load());
      return [h("p", { role: "alert", class: "notice" }, m.networkError), retry];
    }
    case "ready": {
      const bank = state.bank.name;
      if (page === "privacy") {
        return [h("h1", { tabindex: "-1" }, m.privacy), h("p", {}, format(m.privacyText, { bank })), h("p", {}, h("a", { href: link("/") }, m.back))];
      }
      return [h("h1", { tabindex: "-1" }, format(m.welcome, { bank })), h("p", {}, m.ready), h("div", { id: "flow" })];
    }
  }
}

function render(): void {
  const m = MESSAGES[locale];
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
  document.title = state.kind === "ready" ? state.bank.name : "Atrium";
  const bankName = state.kind === "ready" ? state.bank.name : "";
  const footerLinks: (Node | string)[] = [lockIcon(), m.secure];
  if (state.kind === "ready") footerLinks.push(" · ", h("a", { href: link("/privacy") }, m.privacy));
  const app = document.getElementById("app");
  if (!app) return;
  app.replaceChildren(
    h("a", { class: "skip", href: "#main" }, m.skip),
    h("header", { class: "top" }, h("span", { class: "bank" }, bankName), languageSwitch(m)),
    h("main", { id: "main", tabindex: "-1" }, ...body(m)),
    h("footer", { class: "foot" }, h("p", {}, ...footerLinks)),
  );
}

async function load(): Promise<void> {
  if (!SLUG_OK) {
    state = { kind: "invalid" };
    return render();
  }
  state = { kind: "loading" };
  render();
  try {
    const res = await fetch(`/api/v1/public/tenants/${encodeURIComponent(slug)}`, { headers: { accept: "application/json" } });
    if (!res.ok) {
      state = res.status >= 500 ? { kind: "offline" } : { kind: "invalid" };
    } else {
      const bank = (await res.json()) as Bank;
      state = { kind: "ready", bank };
      if (!chosen && isLocale(bank.defaultLocale)) locale = bank.defaultLocale;
    }
  } catch {
    state = { kind: "offline" };
  }
  render();
}

void load();
