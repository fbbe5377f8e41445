/**
 * The public verification page at /c/{bank}/verify: anyone checks that a PDF carries the bank's
 * electronic seal and is unchanged. The file goes to POST /api/v1/signing/verify on this server
 * (the body is the file itself) and nowhere else; nothing is kept in the browser. No cookies, no
 * inline scripts.
 *
 * The page is drawn whole on load and on a language switch; a check only replaces the contents of
 * #outcome, a live region that stays in place so screen readers announce what changes in it.
 */
import "../styles.css";
import "./verify.css";
import { dirOf, isLocale, LOCALE_NAMES, LOCALES, type Locale, matchLocale } from "../i18n";
import { h, svg } from "../survey/dom";
import { VERIFY_MESSAGES, type VerifyMessages } from "./i18n";
import { fill, resultCard } from "./result";
import { type FileProblem, fileProblem, HEAD_BYTES, isVerifyResult, MAX_BYTES, type RequestProblem, requestProblem, type VerifyResult } from "./verdict";

interface Bank {
  slug: string;
  name: string;
  defaultLocale: string;
}

type Outcome =
  | { kind: "none" }
  | { kind: "checking"; name: string }
  | { kind: "problem"; key: FileProblem | RequestProblem | "offline" }
  | { kind: "result"; result: VerifyResult };

const params = new URLSearchParams(location.search);
const [, c = "", slug = "", page = ""] = location.pathname
  .replace(/\/+$/, "")
  .split("/")
  .map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return "";
    }
  });
const SLUG_OK = c === "c" && page === "verify" && /^[a-z0-9][a-z0-9-]{1,62}$/.test(slug);

function browserLocale(): Locale | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const l = matchLocale(tag);
    if (l) return l;
  }
  return null;
}

const fromUrl = matchLocale(params.get("lang"));
let locale: Locale = fromUrl ?? browserLocale() ?? "en";
let bank: Bank | null = null;
let phase: "loading" | "unknown" | "offline" | "ready" = "loading";
let outcome: Outcome = { kind: "none" };
/** Answers to an older check are ignored (a second file was chosen meanwhile). */
let sequence = 0;

const m = (): VerifyMessages => VERIFY_MESSAGES[locale];
const sizeText = () => {
  try {
    return new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 0 }).format(MAX_BYTES / (1024 * 1024));
  } catch {
    return "10 MB";
  }
};

function languageSwitch(): HTMLElement {
  const select = h("select", { id: "lang" });
  for (const l of LOCALES) select.append(h("option", { value: l, lang: l, selected: l === locale }, LOCALE_NAMES[l]));
  select.addEventListener("change", () => {
    if (!isLocale(select.value)) return;
    locale = select.value;
    const url = new URL(location.href);
    url.searchParams.set("lang", locale);
    history.replaceState(null, "", url);
    render();
    document.getElementById("lang")?.focus();
  });
  return h("div", { class: "lang" }, h("label", { for: "lang", class: "vh" }, m().language), select);
}

function picker(): HTMLElement {
  const input = h("input", { type: "file", id: "file", class: "vh", accept: "application/pdf,.pdf", "aria-describedby": "file-help" });
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = "";
    if (file) void check(file);
  });
  const zone = h(
    "div",
    { class: "drop", id: "drop" },
    h("p", { class: "drop-label" }, m().fileLabel),
    input,
    h("label", { for: "file", class: "button" }, m().choose),
    h("p", { id: "file-help", class: "muted drop-help" }, ...fill(m().fileHelp, { size: sizeText() })),
  );
  zone.addEventListener("dragenter", (e) => {
    e.preventDefault();
    zone.classList.add("drop-over");
  });
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
  });
  zone.addEventListener("dragleave", (e) => {
    if (!zone.contains(e.relatedTarget as Node | null)) zone.classList.remove("drop-over");
  });
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("drop-over");
    const file = e.dataTransfer?.files[0];
    if (file) void check(file);
  });
  return zone;
}

function outcomeNodes(): Node[] {
  const b = bank;
  if (!b) return [];
  switch (outcome.kind) {
    case "none":
      return [];
    case "checking":
      return [h("p", { class: "checking" }, ...fill(m().checking, { name: outcome.name }))];
    case "problem":
      return [h("p", { class: "notice", id: "problem", tabindex: "-1" }, ...fill(m()[outcome.key], { size: sizeText() }))];
    case "result": {
      const again = h("button", { type: "button", class: "button button-quiet", id: "again" }, m().another);
      again.addEventListener("click", () => {
        outcome = { kind: "none" };
        showOutcome(false);
        document.getElementById("file")?.focus();
      });
      return [resultCard(outcome.result, { m: m(), locale, bank: b }), again];
    }
  }
}

/** Replaces what the live region says; `focus` moves the focus to the result or the problem. */
function showOutcome(focus: boolean): void {
  const region = document.getElementById("outcome");
  if (!region) return;
  region.replaceChildren(...outcomeNodes());
  if (!focus) return;
  const target = document.getElementById("result-title") ?? document.getElementById("problem");
  target?.focus();
  target?.scrollIntoView({ block: "start" });
}

function body(): Node[] {
  const msg = m();
  if (phase === "loading") return [h("p", { role: "status", class: "muted" }, msg.loading)];
  if (phase === "unknown") return [h("h1", { id: "title", tabindex: "-1" }, msg.unknownBankTitle), h("p", { class: "notice" }, msg.unknownBankText)];
  if (phase === "offline" || !bank) {
    const retry = h("button", { type: "button", class: "button" }, msg.retry);
    retry.addEventListener("click", () => void load());
    return [h("h1", { id: "title", tabindex: "-1" }, msg.pageTitle), h("p", { role: "alert", class: "notice" }, msg.offline), retry];
  }
  const lock = svg("0 0 16 16", 14, [{ d: "M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" }], "lock");
  return [
    h("h1", { id: "title", tabindex: "-1" }, msg.pageTitle),
    h("p", { class: "lead" }, ...fill(msg.intro, { bank: bank.name })),
    h("p", { class: "privacy" }, lock, h("span", {}, msg.privacy)),
    picker(),
    h("div", { id: "outcome", role: "status", "aria-live": "polite" }, ...outcomeNodes()),
  ];
}

function render(): void {
  const msg = m();
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
  document.title = bank ? `${msg.pageTitle} · ${bank.name}` : msg.pageTitle;
  const app = document.getElementById("app");
  if (!app) return;
  const lock = svg("0 0 16 16", 14, [{ d: "M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" }], "lock");
  app.replaceChildren(
    h("a", { class: "skip", href: "#main" }, msg.skip),
    h("header", { class: "top" }, h("span", { class: "bank" }, bank?.name ?? ""), languageSwitch()),
    h("main", { id: "main", tabindex: "-1" }, ...body()),
    h("footer", { class: "foot" }, h("p", {}, lock, msg.secure)),
  );
}

async function check(file: File): Promise<void> {
  const mine = ++sequence;
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const problem = fileProblem(file.size, head);
  if (problem) {
    outcome = { kind: "problem", key: problem };
    return showOutcome(true);
  }
  outcome = { kind: "checking", name: file.name };
  showOutcome(false);
  let next: Outcome;
  try {
    const res = await fetch("/api/v1/signing/verify", {
      method: "POST",
      body: file,
      headers: { "content-type": "application/pdf", accept: "application/json" },
      credentials: "omit",
    });
    const json: unknown = res.ok ? await res.json().catch(() => null) : null;
    if (!res.ok) next = { kind: "problem", key: requestProblem(res.status) };
    else next = isVerifyResult(json) ? { kind: "result", result: json } : { kind: "problem", key: "server" };
  } catch {
    next = { kind: "problem", key: "offline" };
  }
  if (mine !== sequence) return;
  outcome = next;
  showOutcome(true);
}

async function load(): Promise<void> {
  if (!SLUG_OK) {
    phase = "unknown";
    return render();
  }
  phase = "loading";
  render();
  try {
    const res = await fetch(`/api/v1/public/tenants/${encodeURIComponent(slug)}`, { headers: { accept: "application/json" }, credentials: "omit" });
    if (res.ok) {
      bank = (await res.json()) as Bank;
      phase = "ready";
      if (!fromUrl && !browserLocale() && isLocale(bank.defaultLocale)) locale = bank.defaultLocale;
    } else phase = res.status >= 500 ? "offline" : "unknown";
  } catch {
    phase = "offline";
  }
  render();
}

// A file dropped outside the box must not make the browser leave the page to show it.
for (const type of ["dragover", "drop"]) window.addEventListener(type, (e) => e.preventDefault());

void load();
