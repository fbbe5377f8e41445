import { useTranslation } from "react-i18next";
import { PageHead } from "../../ui/Page";

/** /compliance: open compliance reviews and re-screening alerts. */
export function ReviewsPage() {
  const { t } = useTranslation();
  return <PageHead title={t("compliance.title")} />;
}
