import { useTranslation } from "react-i18next";
import type { FlowStep } from "../../api/types";
import { Check, Group, NumberField } from "../surveys/controls";
import { IDENTITY_DOCUMENTS, identitySettingsOf, type IdentityStepSettings } from "./model";

/** An identity step's settings: the documents accepted, the selfie, the minimum age and the attempts before a person checks. */
export function IdentitySettings({ step, path, onChange }: { step: FlowStep; path: string; onChange(change: (s: FlowStep) => FlowStep): void }) {
  const { t } = useTranslation();
  const settings = identitySettingsOf(step);
  const p = `${path}.settings`;
  const set = (patch: Partial<IdentityStepSettings>) => onChange((s) => ({ ...s, settings: { ...identitySettingsOf(s), ...patch } }));
  return (
    <Group legend={t("flows.identity.title")} className="flow-grid">
      <fieldset className="group" data-path={`${p}.documents`}>
        <legend>{t("flows.identity.documents")}</legend>
        {IDENTITY_DOCUMENTS.map((d) => (
          <Check
            key={d}
            label={t(`flows.identity.document.${d}`)}
            checked={settings.documents.includes(d)}
            onChange={(on) => set({ documents: IDENTITY_DOCUMENTS.filter((x) => (x === d ? on : settings.documents.includes(x))) })}
          />
        ))}
      </fieldset>
      <Check label={t("flows.identity.selfie")} hint={t("flows.identity.selfieHint")} path={`${p}.selfie`} checked={settings.selfie} onChange={(selfie) => set({ selfie })} />
      <NumberField label={t("flows.identity.minAge")} path={`${p}.minAge`} min={0} max={120} value={settings.minAge} onChange={(n) => set({ minAge: n ?? 0 })} />
      <NumberField label={t("flows.identity.maxAttempts")} hint={t("flows.identity.maxAttemptsHint")} path={`${p}.maxAttempts`} min={1} max={10} value={settings.maxAttempts} onChange={(n) => set({ maxAttempts: n ?? 1 })} />
    </Group>
  );
}
