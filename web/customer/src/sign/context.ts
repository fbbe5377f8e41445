/** What every signing screen shares: the token, the signer's view, texts and moving between screens. */
import { format, type Locale } from "../i18n";
import { SIGN_MESSAGES, type SignMessages } from "../i18n-sign";
import { h } from "../survey/dom";
import type { SignerView } from "./api";
import type { Stage } from "./logic";

export interface SignCx {
  token: string;
  view: SignerView;
  /** 1 on the link page; 2 inside the flow's step (the step's title is the h1). */
  level: 1 | 2;
  locale(): Locale;
  /** Shows a screen; its heading takes the focus. */
  go(stage: Stage | "decline", doc?: number): void;
  /** A fresh view from the server: the screen follows it (or a full-page message). */
  adopt(v: SignerView, next?: Stage): void;
  /** An error: full-page when it ends the link, else its text in `alert` (offline, server). */
  fail(e: unknown, alert: HTMLElement | null): void;
}

/** What texts and headings need: the language and the heading level. */
export type TextCx = Pick<SignCx, "locale" | "level">;

export const sm = (cx: Pick<SignCx, "locale">): SignMessages => SIGN_MESSAGES[cx.locale()];

export function st(cx: Pick<SignCx, "locale">, key: keyof SignMessages, vars: Record<string, string | number> = {}): string {
  return format(sm(cx)[key], Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
}

/** The screen's heading (focused when the screen opens). */
export function heading(cx: TextCx, text: string): HTMLHeadingElement {
  return h(cx.level === 1 ? "h1" : "h2", { id: "sign-title", class: "sign-title", tabindex: "-1" }, text);
}

/** A sub-heading one level below the screen's. */
export const sub = (cx: TextCx, text: string, attrs: Record<string, string> = {}): HTMLHeadingElement => h(cx.level === 1 ? "h2" : "h3", attrs, text);

/** Text from the server or a name, isolated so right-to-left text around it stays in order. */
export const iso = (text: string): string => `\u2068${text}\u2069`;

export function when(iso8601: string, locale: string): string {
  const d = new Date(iso8601);
  if (Number.isNaN(d.getTime())) return iso8601;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(d);
  } catch {
    return d.toISOString();
  }
}

/** A live region for errors on a screen. */
export const alertBox = (id: string): HTMLParagraphElement => h("p", { id, class: "page-alert sign-alert", role: "alert" });

export function button(text: string, run: () => void, attrs: Record<string, string | boolean> = {}, quiet = false): HTMLButtonElement {
  const b = h("button", { type: "button", class: quiet ? "button button-quiet" : "button", ...attrs }, text);
  b.addEventListener("click", run);
  return b;
}

/** Turns a button busy (disabled, aria-busy) while `work` runs. */
export async function busy<T>(b: HTMLButtonElement | null, work: () => Promise<T>): Promise<T> {
  if (b) {
    b.disabled = true;
    b.setAttribute("aria-busy", "true");
  }
  try {
    return await work();
  } finally {
    if (b) {
      b.disabled = false;
      b.removeAttribute("aria-busy");
    }
  }
}

/** Saves a downloaded file through a blob URL (the Bearer call cannot be a plain link). */
export function saveBlob(blob: Blob, fileName: string, type = "application/pdf"): void {
  const url = URL.createObjectURL(new Blob([blob], { type }));
  const a = h("a", { href: url, download: fileName, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
