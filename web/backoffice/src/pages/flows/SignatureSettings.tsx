import { useTranslation } from "react-i18next";
import { signing } from "../../api/signing";
import type { FlowField, FlowStep } from "../../api/types";
import { useResource } from "../../ui/data";
import { templateName } from "../signing/shared";
import { Check, Choose, Group, NumberField } from "../surveys/controls";
import { useFlowEditor } from "./context";
import { fieldLabel } from "./model";

interface CoSigner {
  role: "co_applicant" | "guarantor";
  nameField: string;
  emailField?: string;
  phoneField?: string;
}

interface Settings {
  documents: string[];
  otp?: "auto" | "sms" | "email";
  coSigners?: CoSigner[];
  routing?: "parallel" | "sequential";
  expiresInDays?: number;
}

const MAX_CO_SIGNERS = 4;

/** The step's settings as stored: only what is set (the server's defaults apply to the rest). */
export function signatureSettingsOf(step: FlowStep): Settings {
  const s = (step.settings ?? {}) as Record<string, unknown>;
  return {
    documents: Array.isArray(s.documents) ? (s.documents as string[]) : [],
    ...(s.otp === "sms" || s.otp === "email" || s.otp === "auto" ? { otp: s.otp } : {}),
    ...(Array.isArray(s.coSigners) ? { coSigners: s.coSigners as CoSigner[] } : {}),
    ...(s.routing === "parallel" || s.routing === "sequential" ? { routing: s.routing } : {}),
    ...(typeof s.expiresInDays === "number" ? { expiresInDays: s.expiresInDays } : {}),
  };
}

/** A signature step: the documents to sign, how the signer is confirmed, the order, expiry, and co-signers named by answers. */
export function SignatureSettings({ step, path, fields, onChange }: { step: FlowStep; path: string; fields: FlowField[]; onChange(change: (s: FlowStep) => FlowStep): void }) {
  const { t } = useTranslation();
  const { def, lang } = useFlowEditor();
  const templates = useResource(() => signing.templates(), []);
  const settings = signatureSettingsOf(step);
  const p = `${path}.settings`;
  const set = (patch: Partial<Settings>) =>
    onChange((s) => {
      const next: Record<string, unknown> = { ...signatureSettingsOf(s), ...patch };
      for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
      return { ...s, settings: next };
    });
  // Built-ins for this product (or any), and active uploads; a chosen key no longer offered stays listed.
  const offered = (templates.data?.items ?? []).filter((x) => x.status === "active" && (x.source === "upload" || x.products.length === 0 || x.products.includes(def.product)));
  const keys = [...offered.map((x) => x.key), ...settings.documents.filter((k) => !offered.some((x) => x.key === k))];
  const nameOf = (key: string) => {
    const x = templates.data?.items.find((i) => i.key === key);
    return x ? templateName(x) : key;
  };
  const coSigners = settings.coSigners ?? [];
  const setCo = (i: number, patch: Partial<CoSigner>) =>
    set({
      coSigners: coSigners.map((c, n) => {
        if (n !== i) return c;
        const next: Record<string, unknown> = { ...c, ...patch };
        for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === "") delete next[k];
        return next as unknown as CoSigner;
      }),
    });
  const fieldOptions = (optional: boolean, types: readonly string[]) => [
    ...(optional ? [{ value: "", label: t("signing.flow.noField") }] : []),
    ...fields.filter((f) => types.includes(f.type)).map((f) => ({ value: f.id, label: fieldLabel(f, lang, def.defaultLanguage) })),
  ];

  return (
    <Group legend={t("signing.flow.title")} className="flow-grid">
      <fieldset className="group" data-path={`${p}.documents`}>
        <legend>{t("signing.flow.documents")}</legend>
        <p className="field__hint">{t("signing.flow.documentsHint")}</p>
        {templates.error ? <p className="field__error">{t("signing.flow.loadFailed")}</p> : null}
        {keys.map((key) => (
          <Check
            key={key}
            label={nameOf(key)}
            checked={settings.documents.includes(key)}
            onChange={(on) => set({ documents: on ? [...settings.documents, key] : settings.documents.filter((k) => k !== key) })}
          />
        ))}
      </fieldset>
      <Choose
        label={t("signing.flow.otp")}
        path={`${p}.otp`}
        value={settings.otp ?? "auto"}
        options={[
          { value: "auto", label: t("signing.flow.otpAuto") },
          { value: "sms", label: t("signing.flow.otpSms") },
          { value: "email", label: t("signing.flow.otpEmail") },
        ]}
        onChange={(otp) => set({ otp })}
      />
      <Choose
        label={t("signing.flow.routing")}
        path={`${p}.routing`}
        value={settings.routing ?? "sequential"}
        options={[
          { value: "sequential", label: t("signing.routing.sequential") },
          { value: "parallel", label: t("signing.routing.parallel") },
        ]}
        onChange={(routing) => set({ routing })}
      />
      <NumberField label={t("signing.flow.expiresInDays")} path={`${p}.expiresInDays`} min={1} max={90} value={settings.expiresInDays} onChange={(expiresInDays) => set({ expiresInDays })} />
      <fieldset className="group" data-path={`${p}.coSigners`}>
        <legend>{t("signing.flow.coSigners")}</legend>
        <p className="field__hint">{t("signing.flow.coSignersHint")}</p>
        {coSigners.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: co-signers have no id; their position is theirs
          <fieldset key={i} className="group">
            <legend>{t("signing.flow.coSigner", { n: i + 1 })}</legend>
            <Choose
              label={t("signing.signer.role")}
              path={`${p}.coSigners.${i}.role`}
              value={c.role}
              options={[
                { value: "co_applicant", label: t("signing.roles.co_applicant") },
                { value: "guarantor", label: t("signing.roles.guarantor") },
              ]}
              onChange={(role) => setCo(i, { role })}
            />
            <Choose label={t("signing.flow.nameField")} path={`${p}.coSigners.${i}.nameField`} value={c.nameField} options={fieldOptions(!c.nameField, ["text"])} onChange={(v) => setCo(i, { nameField: v })} />
            <Choose label={t("signing.flow.emailField")} path={`${p}.coSigners.${i}.emailField`} value={c.emailField ?? ""} options={fieldOptions(true, ["email", "text"])} onChange={(v) => setCo(i, { emailField: v || undefined })} />
            <Choose label={t("signing.flow.phoneField")} path={`${p}.coSigners.${i}.phoneField`} value={c.phoneField ?? ""} options={fieldOptions(true, ["phone", "text"])} onChange={(v) => setCo(i, { phoneField: v || undefined })} />
            <button type="button" className="button button--small button--secondary" onClick={() => set({ coSigners: coSigners.filter((_, n) => n !== i) })}>
              {t("signing.flow.removeCoSigner", { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        {coSigners.length < MAX_CO_SIGNERS ? (
          <button type="button" className="button button--small button--secondary" onClick={() => set({ coSigners: [...coSigners, { role: "co_applicant", nameField: "" }] })}>
            {t("signing.flow.addCoSigner")}
          </button>
        ) : null}
      </fieldset>
    </Group>
  );
}
