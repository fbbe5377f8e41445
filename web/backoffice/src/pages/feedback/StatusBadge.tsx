import { useTranslation } from "react-i18next";
import type { ResponseStatus } from "../../api/types";

const TONE: Record<ResponseStatus, string> = { completed: "ok", partial: "warn", in_progress: "muted", screened_out: "error" };

export function StatusBadge({ status }: { status: ResponseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${TONE[status] ?? "muted"}`}>{t(`feedback.status.${status}`, { defaultValue: status })}</span>;
}
