/**
 * The signing link page at /c/{bank}/sign#{token}. The token (the signer's credential) arrives in
 * the address's fragment, which browsers never send to a server; the page moves it into this tab's
 * sessionStorage and drops it from the address (history, screenshots, shared screens), so a reload
 * still works. No cookies, no inline scripts; every call goes to this origin with the token as a
 * Bearer header. The language is the signer's (from the server, remembered on this device for
 * links that can no longer show it) unless `?lang=` or the switch says otherwise. Once everyone
 * has signed and the documents are sealed, the same page at the link from the completion message
 * offers the signed copies (copy.ts).
 */
import "../styles.css";
import "../apply/apply.css";
import { dirOf, isLocale, LOCALE_NAMES, LOCALES, type Locale, matchLocale } from "../i18n";
import { SIGN_MESSAGES } from "../i18n-sign";
import { h, svg } from "../survey/dom";
import { tokenFromHash } from "./logic";
import { type SigningUI, signingUI } from "./ui";

const decode = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return "";
  }
};
const [, c = "", slug = "", page = ""] = location.pathname.replace(/\/+$/, "").split("/").map(decode);
const SLUG_OK = c === "c" && page === "sign" && /^[a-z0-9][a-z0-9-]{1,62}$/.test(slug);
const KEY = `atrium.sign.${slug}`;

const params = new URLSearchParams(location.search);
const fromUrl = matchLocale(params.get("lang"));
let chosen = fromUrl !== null;
function browserLocale(): Locale | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const l = matchLocale(tag);
    if (l) return l;
  }
  return null;
}
/** The last signer's language on this device: a used or expired link has no view to say it. */
const LANG_KEY = "atrium.sign.lang";
function remembered(): Locale | null {
  try {
    return matchLocale(localStorage.getItem(LANG_KEY));
  } catch {
    return null;
  }
}
let locale: Locale = fromUrl ?? remembered() ?? browserLocale() ?? "en";
let bankName: string | null = null;

/** The token: from the fragment (then kept in this tab and dropped from the address), else kept. */
function takeToken(): string | null {
  const fresh = tokenFromHash(location.hash);
  if (fresh) {
    try {
      sessionStorage.setItem(KEY, fresh);
    } catch {
      // storage refused (private mode): the token lives in this page only
    }
    history.replaceState(null, "", location.pathname + location.search);
    return fresh;
  }
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

const m = () => SIGN_MESSAGES[locale];
let ui: SigningUI | null = null;

function languageSwitch(): HTMLElement {
  const select = h("select", { id: "lang" });
  for (const l of LOCALES) select.append(h("option", { value: l, lang: l, selected: l === locale }, LOCALE_NAMES[l]));
  select.addEventListener("change", () => {
    if (!isLocale(select.value)) return;
    locale = select.value;
    chosen = true;
    const url = new URL(location.href);
    url.searchParams.set("lang", locale);
    history.replaceState(null, "", url);
    frame();
    ui?.redraw();
    document.getElementById("lang")?.focus();
  });
  return h("div", { class: "lang" }, h("label", { for: "lang", class: "vh" }, m().language), select);
}

/** The page around the UI: header (bank, language), main, footer; the UI's root moves in. */
function frame(): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
  const app = document.getElementById("app");
  if (!app) return;
  const lock = svg("0 0 16 16", 14, [{ d: "M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" }], "lock");
  const main = h("main", { id: "main", tabindex: "-1" });
  if (ui) main.append(ui.root);
  app.replaceChildren(
    h("a", { class: "skip", href: "#main" }, m().skip),
    h("header", { class: "top" }, h("span", { class: "bank" }, bankName ?? ""), languageSwitch()),
    main,
    h("footer", { class: "foot" }, h("p", {}, lock, m().secure)),
  );
  const title = ui?.root.querySelector("#sign-title")?.textContent;
  document.title = [title || m().pageTitle, bankName].filter(Boolean).join(" · ");
}

async function bank(): Promise<void> {
  if (!SLUG_OK) return;
  try {
    const res = await fetch(`/api/v1/public/tenants/${encodeURIComponent(slug)}`, { headers: { accept: "application/json" }, credentials: "omit" });
    if (!res.ok) return;
    const b = (await res.json()) as { name: string; defaultLocale?: string };
    bankName ??= b.name;
    if (!chosen && !ui?.view() && !ui?.copy() && !remembered() && !browserLocale() && isLocale(b.defaultLocale)) locale = b.defaultLocale;
    frame();
    // A link that ended with no view (unknown, used) names the bank now; a screen being filled in is left alone.
    if (!ui?.view() && !ui?.copy()) ui?.redraw();
  } catch {
    // the name is a nicety; the signing view names the bank too
  }
}

/** A fresh view (signing or signed copies) names the bank and the signer's language. */
function adoptBank(v: { bank: { name: string }; language: string }): void {
  const before = `${locale}|${bankName}`;
  bankName = v.bank.name;
  const l = matchLocale(v.language);
  if (!chosen && l) locale = l;
  try {
    if (l) localStorage.setItem(LANG_KEY, l);
  } catch {
    // storage refused: the browser's language serves next time
  }
  if (`${locale}|${bankName}` !== before) frame();
}

const token = SLUG_OK ? takeToken() : null;
ui = signingUI({
  token: token ?? "",
  level: 1,
  locale: () => locale,
  bankName: () => bankName,
  onView: adoptBank,
  copies: true,
  onCopy: adoptBank,
});
// Every screen change retitles the page (its heading).
new MutationObserver(() => {
  const title = ui?.root.querySelector("#sign-title")?.textContent;
  if (title) document.title = [title, bankName].filter(Boolean).join(" · ");
}).observe(ui.root, { childList: true });
frame();
void bank();
if (token) void ui.start();
else ui.fatal("invalid");
