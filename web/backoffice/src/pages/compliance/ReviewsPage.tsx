import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { compliance } from "../../api/compliance";
import { type ComplianceReviewBand, type ComplianceReviewOrigin, type ComplianceReviewQuery, REVIEW_BANDS, REVIEW_ORIGINS, REVIEW_STATUSES } from "../../api/types";
import { Link, useLocation } from "../../router";
import { usePaged } from "../../ui/data";
import { SelectField } from "../../ui/Field";
import { formatNumber } from "../../ui/format";
import { PageHead } from "../../ui/Page";
import { PagedTable } from "../../ui/PagedTable";
import { LabelledCell } from "../../ui/TableWrap";
import { ReviewBandBadge, ReviewScore, ReviewStatusBadge, reviewAge } from "./ReviewParts";

/** "waiting" = open and clear-pending: the work still to do, the default view. */
const WAITING = "open,clear_pending";

interface Filters {
  status: string;
  band: ComplianceReviewBand | "";
  origin: ComplianceReviewOrigin | "";
}

const isOrigin = (v: string | null): v is ComplianceReviewOrigin => (REVIEW_ORIGINS as readonly string[]).includes(v ?? "");

/** /compliance: the review queue of screening hits, waiting work first (clear-pending, then open), oldest first. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const origin = query.get("origin");
  const start: Filters = { status: WAITING, band: "", origin: isOrigin(origin) ? origin : "" };
  const [draft, setDraft] = useState<Filters>(start);
  const [filters, setFilters] = useState<Filters>(start);
  const list = usePaged((cursor) => compliance.reviews(filters satisfies ComplianceReviewQuery, { cursor, limit: 50 }), [JSON.stringify(filters)]);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const pickBand = (band: Filters["band"]) => {
    setDraft((d) => ({ ...d, band }));
    setFilters((f) => ({ ...f, band }));
  };
  const pending = list.items.filter((r) => r.status === "clear_pending").length;

  return (
    <>
      <PageHead title={t("compliance.title")} intro={t("compliance.intro")} />
      <search>
        <form className="card co-filters" onSubmit={apply} aria-label={t("compliance.filters.title")}>
          <SelectField label={t("compliance.filters.status")} value={draft.status} onChange={(e) => set("status", e.target.value)}>
            <option value={WAITING}>{t("compliance.filters.waiting")}</option>
            {REVIEW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`compliance.status.${s}`)}
              </option>
            ))}
            <option value="">{t("compliance.filters.any")}</option>
          </SelectField>
          <SelectField label={t("compliance.filters.origin")} value={draft.origin} onChange={(e) => set("origin", e.target.value as Filters["origin"])}>
            <option value="">{t("compliance.filters.any")}</option>
            {REVIEW_ORIGINS.map((o) => (
              <option key={o} value={o}>
                {t(`compliance.origin.${o}`)}
              </option>
            ))}
          </SelectField>
          <div className="actions">
            <button type="submit" className="button">
              {t("compliance.filters.apply")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const reset: Filters = { status: WAITING, band: "", origin: "" };
                setDraft(reset);
                setFilters(reset);
              }}
            >
              {t("compliance.filters.reset")}
            </button>
          </div>
        </form>
      </search>
      <fieldset className="co-chips">
        <legend>{t("compliance.filters.band")}</legend>
        <div className="segmented">
          {(["", ...REVIEW_BANDS] as const).map((b) => (
            <label key={b || "all"} className={`segmented__item${filters.band === b ? " segmented__item--on" : ""}`}>
              <input type="radio" name="band" value={b} checked={filters.band === b} onChange={() => pickBand(b)} />
              {b ? t(`compliance.band.${b}`) : t("compliance.filters.allBands")}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="co-counts" role="status" data-testid="review-counts">
        {list.loading && list.items.length === 0
          ? t("common.loading")
          : t(list.hasMore ? "compliance.countMore" : "compliance.count", { n: formatNumber(list.items.length), pending: formatNumber(pending) })}
      </p>
      <PagedTable
        list={list}
        label={t("compliance.queue")}
        className="table-wrap--stack"
        columns={[t("compliance.applicant"), t("compliance.listEntry"), t("compliance.score"), t("compliance.bandLabel"), t("compliance.statusLabel"), t("compliance.originLabel"), t("compliance.age"), t("common.actions")]}
        empty={t("compliance.none")}
        row={(r) => (
          <tr key={r.id} data-id={r.id}>
            <td className="cell--head">
              <span className="strong" dir="auto">
                {r.subject.name}
              </span>
              {r.application ? (
                <>
                  <br />
                  <Link to={`/applications/view?id=${encodeURIComponent(r.application.id)}`} className="muted" dir="ltr">
                    {r.application.reference}
                  </Link>
                </>
              ) : null}
            </td>
            <LabelledCell label={t("compliance.listEntry")}>
              <span dir="auto">{r.entryName}</span>
              <br />
              <span className="muted">{r.list.name}</span>
            </LabelledCell>
            <LabelledCell label={t("compliance.score")}>
              <ReviewScore score={r.score} />
            </LabelledCell>
            <LabelledCell label={t("compliance.bandLabel")}>
              <ReviewBandBadge band={r.band} />
            </LabelledCell>
            <LabelledCell label={t("compliance.statusLabel")}>
              <ReviewStatusBadge status={r.status} />
              {r.needsSecondOfficer ? <span className="muted"> {t("compliance.needsSecond")}</span> : null}
            </LabelledCell>
            <LabelledCell label={t("compliance.originLabel")}>{t(`compliance.origin.${r.origin}`)}</LabelledCell>
            <LabelledCell label={t("compliance.age")}>{reviewAge(r.ageHours)}</LabelledCell>
            <td className="cell--actions">
              <Link to={`/compliance/review?id=${encodeURIComponent(r.id)}`} className="button button--small button--secondary">
                {t("compliance.open")}
                <span className="visually-hidden"> {r.subject.name}</span>
              </Link>
            </td>
          </tr>
        )}
      />
    </>
  );
}
