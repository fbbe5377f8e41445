import { useTranslation } from "react-i18next";
import { PageHead } from "../../ui/Page";

/** /compliance/screening: screen a name against the active lists. */
export function ScreeningPage() {
  const { t } = useTranslation();
  return <PageHead title={t("screening.title")} />;
}
