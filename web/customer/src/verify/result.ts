/**
 * The verification result as nodes: the headline (green, red or amber, never colour alone: an
 * icon and words too), what it means, anything else wrong, the TEST SEAL warning, and the seal's
 * details. Names and dates from the server are isolated with <bdi> so right-to-left text stays
 * in order around them; the server's technical notes are English and marked so.
 */
import { h, svg } from "../survey/dom";
import type { VerifyMessages } from "./i18n";
import { type Issue, type TrailEvent, timestampOf, trailOf, type VerifyResult, verdict } from "./verdict";

export interface ResultContext {
  m: VerifyMessages;
  locale: string;
  /** The page's bank. */
  bank: { slug: string; name: string };
}

/** A message with `{name}` placeholders filled by nodes (each value in its own <bdi>). */
export function fill(text: string, vars: Record<string, string>): (Node | string)[] {
  const out: (Node | string)[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    const key = match[1] ?? "";
    if (!(key in vars)) continue;
    out.push(text.slice(last, match.index));
    out.push(h("bdi", {}, vars[key] ?? ""));
    last = (match.index ?? 0) + match[0].length;
  }
  out.push(text.slice(last));
  return out.filter((part) => part !== "");
}

export function when(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(date);
  } catch {
    return date.toISOString();
  }
}

const ICONS = {
  ok: "M6.5 11.2 3.3 8l-1.1 1.1 4.3 4.3 8.3-8.3-1.1-1.1z",
  bad: "M4.2 3.1 8 6.9l3.8-3.8 1.1 1.1L9.1 8l3.8 3.8-1.1 1.1L8 9.1l-3.8 3.8-1.1-1.1L6.9 8 3.1 4.2z",
  doubt: "M8 1.5 15 14H1zm-.8 4.5v4h1.6V6zm0 5.2v1.6h1.6v-1.6z",
};

const TITLES: Record<Issue, keyof VerifyMessages> = {
  notSealed: "notSealedTitle",
  altered: "alteredTitle",
  appended: "appendedTitle",
  unknownSigner: "unknownSignerTitle",
  otherBank: "otherBankTitle",
};
const TEXTS: Record<Issue, keyof VerifyMessages> = {
  notSealed: "notSealedText",
  altered: "alteredText",
  appended: "appendedText",
  unknownSigner: "unknownSignerText",
  otherBank: "otherBankText",
};

const ACTIONS = ["created", "sent", "viewed", "consented", "otp_sent", "otp_failed", "authenticated", "signed", "declined", "voided", "expired", "reminded", "completed", "sealed", "seal_failed"] as const;
const ROLES = ["applicant", "co_applicant", "guarantor"] as const;

/** An event's name in the page's language (an action this page does not know: as sent, in English). */
function actionLabel(action: string, m: VerifyMessages): Node {
  const known = (ACTIONS as readonly string[]).includes(action) ? m[`act_${action}` as keyof VerifyMessages] : null;
  return known ? h("span", {}, known) : h("span", { lang: "en", dir: "ltr" }, action);
}

/**
 * The audit trail sealed inside the document, oldest first: what happened, who (name and role),
 * when, from which address and device, and each record's fingerprint (the start of its chain hash).
 */
function trailSection(trail: TrailEvent[], cx: ResultContext): HTMLElement {
  const { m } = cx;
  const items = trail.map((e) => {
    const role = (ROLES as readonly string[]).includes(e.role ?? "") ? m[`role_${e.role}` as keyof VerifyMessages] : null;
    const who = e.signer ? h("span", { class: "trail-who" }, h("bdi", {}, e.signer), role ? ` (${role})` : "") : null;
    const meta = [h("time", { datetime: e.at }, when(e.at, cx.locale)), e.ip ? h("span", {}, ...fill(m.trailFrom, { ip: e.ip })) : null].filter((n) => n !== null);
    return h(
      "li",
      { class: "trail-event", "data-action": e.action },
      h("p", { class: "trail-what" }, h("strong", {}, actionLabel(e.action, m)), who ? " · " : "", who),
      h("p", { class: "trail-meta" }, ...meta.flatMap((n, i) => (i ? [" · ", n] : [n]))),
      e.userAgent ? h("p", { class: "trail-device" }, `${m.trailDevice}: `, h("bdi", { lang: "en", dir: "ltr" }, e.userAgent)) : null,
      e.hash ? h("p", { class: "trail-hash" }, `${m.trailHash}: `, h("code", { dir: "ltr", title: e.hash }, e.hash.slice(0, 16))) : null,
    );
  });
  return h("section", { class: "trail", "aria-labelledby": "trail-title" }, h("h3", { id: "trail-title" }, m.trailTitle), h("p", { class: "muted trail-intro" }, m.trailIntro), h("ol", { class: "trail-list" }, ...items));
}

/** The card for one answer; its heading (#result-title) takes the focus. */
export function resultCard(r: VerifyResult, cx: ResultContext): HTMLElement {
  const { m } = cx;
  const v = verdict(r, cx.bank.slug);
  const vars = { bank: cx.bank.name, other: r.bank?.name ?? m.otherBankUnnamed, date: r.signedAt ? when(r.signedAt, cx.locale) : "" };
  const [first, ...rest] = v.issues;
  const headline = first ? m[TITLES[first]] : r.signedAt ? m.okTitle : m.okTitleUndated;
  const text = first ? m[TEXTS[first]] : m.okText;
  const icon = svg("0 0 16 16", 22, [{ d: ICONS[v.tone] }], "result-icon");
  const card = h(
    "section",
    { class: `result result-${v.tone}`, "aria-labelledby": "result-title", "data-verdict": first ?? "ok" },
    h("h2", { id: "result-title", tabindex: "-1" }, icon, h("span", {}, ...fill(headline, vars))),
    h("p", {}, ...fill(text, vars)),
  );
  if (rest.length > 0) {
    card.append(h("p", { class: "also" }, m.alsoWrong), h("ul", { class: "also-list" }, ...rest.map((i) => h("li", {}, ...fill(m[TITLES[i]], vars)))));
  }
  if (r.sealed && r.testSeal) card.append(h("p", { class: "test-seal" }, m.testSeal));
  const rows: [string, string][] = [];
  if (r.signer) rows.push([m.signer, r.signer.subject], [m.issuer, r.signer.issuer]);
  if (r.signedAt) rows.push([m.sealedAt, vars.date]);
  const stamp = timestampOf(r);
  if (stamp) rows.push([m.timestamped, when(stamp.at, cx.locale)], [m.timestampAuthority, stamp.authority]);
  if (r.bank) rows.push([m.sealBank, r.bank.name]);
  if (rows.length > 0) {
    const list = h("dl", { class: "seal-details" });
    for (const [label, value] of rows) list.append(h("dt", {}, label), h("dd", {}, h("bdi", {}, value)));
    card.append(h("h3", {}, m.details), list);
  }
  const trail = trailOf(r);
  if (trail.length > 0) card.append(trailSection(trail, cx));
  if (r.problems.length > 0) {
    card.append(
      h(
        "details",
        { class: "technical" },
        h("summary", {}, m.technical),
        h("ul", { lang: "en", dir: "ltr" }, ...r.problems.map((p) => h("li", {}, p))),
      ),
    );
  }
  return card;
}
