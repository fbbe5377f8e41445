import { useTranslation } from "react-i18next";
import { PageHead } from "../../ui/Page";

/** /compliance/review?id=…: one review with its evidence and the four-eyes decision. */
export function ReviewPage() {
  const { t } = useTranslation();
  return <PageHead title={t("compliance.title")} />;
}
