import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import { APPLICATION_STATUSES, type ApplicationListQuery, RISKS } from "../../api/types";
import { Link } from "../../router";
import { usePaged } from "../../ui/data";
import { SelectField, TextField } from "../../ui/Field";
import { formatDateTime, formatNumber } from "../../ui/format";
import { PageHead } from "../../ui/Page";
import { PagedTable } from "../../ui/PagedTable";
import { LabelledCell } from "../../ui/TableWrap";
import { ageText, branchName, LateBadge, productName, RiskBadge, StatusBadge, useBranches, useProducts } from "./shared";

interface Filters {
  status: string;
  product: string;
  branchId: string;
  assignee: string;
  risk: string;
  olderThanHours: string;
  slaBreached: boolean;
}

const DEFAULTS: Filters = { status: "submitted", product: "", branchId: "", assignee: "", risk: "", olderThanHours: "", slaBreached: false };

function toQuery(f: Filters): ApplicationListQuery {
  const hours = Number(f.olderThanHours);
  return {
    status: f.status,
    product: f.product,
    branchId: f.branchId,
    assignee: f.assignee,
    risk: f.risk,
    ...(f.olderThanHours && Number.isFinite(hours) && hours > 0 ? { olderThanHours: Math.floor(hours) } : {}),
    slaBreached: f.slaBreached,
    sort: "sla",
  };
}

/** /review: submitted applications by SLA due, with the filters a review team works by. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const products = useProducts();
  const branches = useBranches();
  const [draft, setDraft] = useState<Filters>(DEFAULTS);
  const [filters, setFilters] = useState<Filters>(DEFAULTS);
  const key = JSON.stringify(filters);
  const list = usePaged((cursor) => applications.list(toQuery(filters), { cursor, limit: 50 }), [key]);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const late = list.items.filter((a) => a.slaBreached).length;

  return (
    <>
      <PageHead title={t("applications.review.title")} intro={t("applications.review.intro")} />
      <search>
        <form className="card ap-queue-filters" onSubmit={apply} aria-label={t("applications.filters.title")}>
          <SelectField label={t("common.status")} value={draft.status} onChange={(e) => set("status", e.target.value)}>
            <option value="">{t("applications.filters.any")}</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`applications.status.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("applications.product")} value={draft.product} onChange={(e) => set("product", e.target.value)}>
            <option value="">{t("applications.filters.any")}</option>
            {(products.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {productName(products.data, p.id, t)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("applications.branch")} value={draft.branchId} onChange={(e) => set("branchId", e.target.value)}>
            <option value="">{t("applications.filters.any")}</option>
            {(branches.data ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("applications.assignee")} value={draft.assignee} onChange={(e) => set("assignee", e.target.value)}>
            <option value="">{t("applications.filters.anyone")}</option>
            <option value="me">{t("applications.filters.me")}</option>
            <option value="none">{t("applications.unassigned")}</option>
          </SelectField>
          <SelectField label={t("applications.riskLabel")} value={draft.risk} onChange={(e) => set("risk", e.target.value)}>
            <option value="">{t("applications.filters.any")}</option>
            {RISKS.map((r) => (
              <option key={r} value={r}>
                {t(`applications.risk.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("applications.filters.olderThan")}
            type="number"
            inputMode="numeric"
            min={1}
            value={draft.olderThanHours}
            onChange={(e) => set("olderThanHours", e.target.value)}
          />
          <label className="ap-check ap-queue-filters__late">
            <input type="checkbox" checked={draft.slaBreached} onChange={(e) => set("slaBreached", e.target.checked)} />
            {t("applications.filters.slaBreached")}
          </label>
          <div className="actions">
            <button type="submit" className="button">
              {t("applications.filters.apply")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(DEFAULTS);
                setFilters(DEFAULTS);
              }}
            >
              {t("applications.filters.reset")}
            </button>
          </div>
        </form>
      </search>
      <p className="ap-counts" role="status" data-testid="queue-counts">
        {list.loading && list.items.length === 0
          ? t("common.loading")
          : t(list.hasMore ? "applications.review.countMore" : "applications.review.count", { n: formatNumber(list.items.length), late: formatNumber(late) })}
      </p>
      <PagedTable
        list={list}
        label={t("applications.review.title")}
        className="table-wrap--stack"
        columns={[t("applications.reference"), t("applications.product"), t("common.status"), t("applications.slaDue"), t("applications.age"), t("applications.riskLabel"), t("applications.assignee"), t("applications.branch"), t("common.actions")]}
        empty={t("applications.review.none")}
        row={(a) => (
          <tr key={a.id} data-id={a.id}>
            <td className="cell--head">
              <Link to={`/applications/view?id=${encodeURIComponent(a.id)}`} className="strong nowrap" dir="ltr">
                {a.reference}
              </Link>
              <br />
              <span className="muted" dir="auto">
                {a.customerName}
              </span>
            </td>
            <LabelledCell label={t("applications.product")}>{productName(products.data, a.product, t)}</LabelledCell>
            <LabelledCell label={t("common.status")}>
              <StatusBadge status={a.status} />
            </LabelledCell>
            <LabelledCell label={t("applications.slaDue")}>
              {formatDateTime(a.slaDueAt)} {a.slaBreached ? <LateBadge /> : null}
            </LabelledCell>
            <LabelledCell label={t("applications.age")}>{ageText(a.ageHours)}</LabelledCell>
            <LabelledCell label={t("applications.riskLabel")}>
              <RiskBadge risk={a.risk} />
            </LabelledCell>
            <LabelledCell label={t("applications.assignee")}>{a.assignee?.name ?? t("applications.unassigned")}</LabelledCell>
            <LabelledCell label={t("applications.branch")}>{branchName(branches.data, a.branchId)}</LabelledCell>
            <td className="cell--actions">
              <Link to={`/applications/view?id=${encodeURIComponent(a.id)}`} className="button button--small button--secondary">
                {t("applications.open")}
                <span className="visually-hidden"> {a.reference}</span>
              </Link>
            </td>
          </tr>
        )}
      />
    </>
  );
}
