import { useTranslation } from "react-i18next";

interface Props {
  busy: boolean;
  submit: string;
  /** Said on the submit button while busy; without it the label stays. */
  busyLabel?: string;
  onCancel(): void;
}

/** A form's submit button (disabled while it is sent) and its Cancel. */
export function FormActions({ busy, submit, busyLabel, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={busy}>
        {busy && busyLabel ? busyLabel : submit}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </div>
  );
}
