import { useTranslation } from "react-i18next";
import { type OrgTree, ROLES, type Role, type Scope, SCOPES } from "../api/types";
import { SelectField } from "./Field";

export interface Access {
  role: Role;
  scope: Scope;
  regionId: string | null;
  branchId: string | null;
}

export const NEW_ACCESS: Access = { role: "agent", scope: "branch", regionId: null, branchId: null };

/** What to send: a region scope names a region, a branch scope names a branch (the server derives its region). */
export function accessPayload(a: Access) {
  return {
    role: a.role,
    scope: a.scope,
    regionId: a.scope === "region" ? a.regionId : null,
    branchId: a.scope === "branch" || a.scope === "own" ? a.branchId : null,
  };
}

/** The placement a scope cannot do without, as `useForm` required values (empty = missing). */
export function placementRequired(a: Access): Record<string, string> {
  if (a.scope === "region") return { regionId: a.regionId ?? "" };
  if (a.scope === "branch") return { branchId: a.branchId ?? "" };
  return {};
}

interface Props {
  value: Access;
  onChange(next: Access): void;
  org: OrgTree | undefined;
  errors: Record<string, string>;
  /** API keys have no "own" scope: they own nothing. */
  scopes?: readonly Scope[];
}

/** Role, data scope and the region or branch the scope is about. */
export function ScopeFields({ value, onChange, org, errors, scopes = SCOPES }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<Access>) => onChange({ ...value, ...patch });
  const regions = org?.regions ?? [];
  return (
    <>
      <SelectField label={t("common.role")} name="role" value={value.role} onChange={(e) => set({ role: e.target.value as Role })} error={errors.role}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("common.scope")}
        hint={t("scopeHint")}
        name="scope"
        value={value.scope}
        onChange={(e) => set({ scope: e.target.value as Scope })}
        error={errors.scope}
      >
        {scopes.map((s) => (
          <option key={s} value={s}>
            {t(`scopes.${s}`)}
          </option>
        ))}
      </SelectField>
      {value.scope === "region" ? (
        <SelectField
          label={t("common.region")}
          name="regionId"
          value={value.regionId ?? ""}
          onChange={(e) => set({ regionId: e.target.value || null })}
          error={errors.regionId}
        >
          <option value="">{t("common.choose")}</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {value.scope === "branch" || value.scope === "own" ? (
        <SelectField
          label={value.scope === "own" ? t("common.homeBranch") : t("common.branch")}
          name="branchId"
          value={value.branchId ?? ""}
          onChange={(e) => set({ branchId: e.target.value || null })}
          error={errors.branchId ?? errors.regionId}
        >
          <option value="">{value.scope === "own" ? t("common.none") : t("common.choose")}</option>
          {regions.map((r) => (
            <optgroup key={r.id} label={r.name}>
              {r.branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}
