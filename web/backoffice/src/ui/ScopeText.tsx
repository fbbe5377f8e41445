import { useTranslation } from "react-i18next";
import type { OrgTree, Scope } from "../api/types";
import { orgNames } from "./org-names";

/** "Whole bank", "Region: North", "Branch: Harbour", "Own items only". */
export function ScopeText({ scope, regionId, branchId, org }: { scope: Scope; regionId: string | null; branchId: string | null; org?: OrgTree | undefined }) {
  const { t } = useTranslation();
  const names = orgNames(org);
  if (scope === "region") return <>{t("scopeIn.region", { name: names.region(regionId) ?? t("common.unknown") })}</>;
  if (scope === "branch") return <>{t("scopeIn.branch", { name: names.branch(branchId) ?? t("common.unknown") })}</>;
  return <>{t(`scopes.${scope}`)}</>;
}
