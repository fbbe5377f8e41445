import { useTranslation } from "react-i18next";
import { PageHead } from "../../ui/Page";

/** /compliance/risk: the versioned risk rules, edited and tested. */
export function RiskRulesPage() {
  const { t } = useTranslation();
  return <PageHead title={t("risk.title")} />;
}
