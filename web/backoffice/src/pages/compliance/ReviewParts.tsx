import { useTranslation } from "react-i18next";
import type { ComplianceReviewBand, ComplianceReviewStatus, ScreeningBand } from "../../api/types";
import { currentLocale } from "../../i18n";
import "./review.css";

const BAND_TONE: Record<ScreeningBand, string> = { block: "error", review: "warn", edd: "muted", clear: "ok" };
const STATUS_TONE: Record<ComplianceReviewStatus, string> = { open: "warn", clear_pending: "warn", true_match: "error", false_positive: "ok" };

export function ReviewBandBadge({ band }: { band: ComplianceReviewBand | ScreeningBand }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${BAND_TONE[band]}`} data-band={band}>
      {t(`compliance.band.${band}`)}
    </span>
  );
}

export function ReviewStatusBadge({ status }: { status: ComplianceReviewStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${STATUS_TONE[status]}`} data-status={status}>
      {t(`compliance.status.${status}`)}
    </span>
  );
}

/** A score 0..1 as a percentage in the UI language ("97 %"), always left to right. */
export function ReviewScore({ score }: { score: number }) {
  const text = new Intl.NumberFormat(currentLocale(), { style: "percent", maximumFractionDigits: 0 }).format(score);
  return (
    <span className="co-score" dir="ltr">
      {text}
    </span>
  );
}

/** Hours as "3 h" or "2 d 4 h" in the UI language. */
export function reviewAge(hours: number): string {
  const unit = (value: number, u: "hour" | "day") => new Intl.NumberFormat(currentLocale(), { style: "unit", unit: u, unitDisplay: "short" }).format(value);
  const h = Math.max(0, Math.floor(hours));
  if (h < 24) return unit(h, "hour");
  return `${unit(Math.floor(h / 24), "day")} ${unit(h % 24, "hour")}`;
}

/**
 * `text` with the parts that occur in `against` (whole words, case and accents ignored) marked:
 * which words of the applicant's name matched the list entry, and the other way round.
 */
export function ReviewHighlight({ text, against }: { text: string; against: string }) {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const words = new Set(fold(against).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  return (
    <span dir="auto">
      {parts.map((p, i) =>
        words.has(fold(p)) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder
          <mark key={i}>{p}</mark>
        ) : (
          p
        ),
      )}
    </span>
  );
}
