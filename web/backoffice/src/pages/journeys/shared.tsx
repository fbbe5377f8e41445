import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { JourneyStatus } from "../../api/types-journeys";
import { currentLocale } from "../../i18n";

const TONE: Record<JourneyStatus, string> = { open: "muted", submitted: "info", decided: "info", funded: "ok", abandoned: "error" };

/** The status in words (the colour only repeats it). */
export function StatusBadge({ status }: { status: JourneyStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${TONE[status] ?? "muted"}`}>{t(`journeys.status.${status}`, { defaultValue: status })}</span>;
}

/**
 * Decorative marks beside the channel's name (screen readers hear the name only): text symbols
 * common fonts have, in text presentation (U+FE0E), not emoji a server or kiosk may lack.
 */
const GLYPH: Record<string, string> = {
  web: "◎",
  app: "▯",
  branch: "⌂",
  call: "☎\uFE0E",
  sms: "✆",
  email: "✉\uFE0E",
  chat: "❝",
  "agent-assisted": "☺\uFE0E",
};

/** A channel's translated name; values outside the known list are shown as the source sent them. */
export function channelName(t: TFunction, channel: string | null | undefined): string {
  if (!channel) return t("journeys.channels.none");
  return t(`journeys.channels.${channel}`, { defaultValue: channel });
}

export function ChannelLabel({ channel }: { channel: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <span className="jr-channel">
      <span aria-hidden="true" className="jr-channel__glyph">
        {GLYPH[channel ?? ""] ?? "•"}
      </span>
      {channelName(t, channel)}
    </span>
  );
}

/** Channels used, as a list of chips (a list, so screen readers say how many). */
export function ChannelChips({ channels }: { channels: string[] }) {
  const { t } = useTranslation();
  if (!channels.length) return <span className="muted">—</span>;
  return (
    <ul className="jr-chips">
      {channels.map((c) => (
        <li key={c} className="jr-chip">
          {channelName(t, c)}
        </li>
      ))}
    </ul>
  );
}

const fmt = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = currentLocale();
  const id = `${locale}|${key}`;
  let f = fmt.get(id);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    fmt.set(id, f);
  }
  return f;
}

/** A duration given in hours, in the unit a reader takes in at once: minutes, hours or days. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return "—";
  const abs = Math.abs(hours);
  if (abs < 1) return numberFormat("minute", { style: "unit", unit: "minute", unitDisplay: "long", maximumFractionDigits: 0 }).format(hours * 60);
  if (abs < 48) return numberFormat("hour", { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 1 }).format(hours);
  return numberFormat("day", { style: "unit", unit: "day", unitDisplay: "long", maximumFractionDigits: 1 }).format(hours / 24);
}

/** The time from one ISO instant to another, or null when either is missing. */
export function hoursBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? ms / 3_600_000 : null;
}

/** A 0..1 share as a percentage in the UI language. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return numberFormat("percent", { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A score with one decimal (NPS −100…100, CES 1–7). */
export function formatScore(n: number): string {
  return numberFormat("score", { maximumFractionDigits: 1, signDisplay: "auto" }).format(n);
}

/** Bidirectional-safe codes: ids and event names are left-to-right even on an Arabic page. */
export function Code({ children }: { children: string | null | undefined }) {
  if (!children) return <span className="muted">—</span>;
  return (
    <code dir="ltr" className="jr-code">
      {children}
    </code>
  );
}

/** A calendar day (YYYY-MM-DD, UTC) in the UI language. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** A milestone's name: the core ones translated, a bank's own as it named it. */
export function milestoneName(t: TFunction, milestone: string): string {
  return t(`journeys.milestones.${milestone}`, { defaultValue: milestone });
}

/** "*" is the bank's definition for every product without its own. */
export function productName(t: TFunction, product: string): string {
  return product === "*" ? t("journeys.allProducts") : product;
}
