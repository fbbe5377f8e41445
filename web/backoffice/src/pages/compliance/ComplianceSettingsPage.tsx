import { useTranslation } from "react-i18next";
import { PageHead } from "../../ui/Page";

/** /compliance/settings: screening bands and retention periods. */
export function ComplianceSettingsPage() {
  const { t } = useTranslation();
  return <PageHead title={t("risk.title")} />;
}
