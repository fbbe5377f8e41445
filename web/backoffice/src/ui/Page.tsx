import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "./Alert";
import { problemMessage } from "./errors";
import { usePageTitle } from "./title";

/** The page's one h1 (focused after navigation) with optional actions beside it. */
export function PageHead({ title, intro, actions }: { title: string; intro?: ReactNode; actions?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page-head">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        {intro ? <p className="page-head__intro">{intro}</p> : null}
      </div>
      {actions ? <div className="page-head__actions">{actions}</div> : null}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {t("common.loading")}
    </p>
  );
}

/** A failed load with a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorMessage>
      {problemMessage(t, error)}{" "}
      {retry ? (
        <button type="button" className="button button--link" onClick={retry}>
          {t("common.retry")}
        </button>
      ) : null}
    </ErrorMessage>
  );
}

/** Cursor paging: one button appends the next page. */
export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="button button--secondary" onClick={onClick} disabled={loading}>
        {loading ? t("common.loading") : t("common.loadMore")}
      </button>
    </div>
  );
}
