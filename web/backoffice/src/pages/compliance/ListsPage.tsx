import { useTranslation } from "react-i18next";
import { PageHead } from "../../ui/Page";

/** /compliance/lists: the sanctions and PEP lists, their versions and imports. */
export function ListsPage() {
  const { t } = useTranslation();
  return <PageHead title={t("lists.title")} />;
}
