import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { checkField, progress, visibleFields, visibleSteps } from "../../../../../src/modules/onboarding/flow/logic";
import { countryList } from "../../../../../src/modules/checks/account/countries";
import { fieldMessage } from "../../../../../src/modules/onboarding/flow/messages";
import type { AddressValue, Answers } from "../../../../../src/modules/onboarding/flow/types";
import type { FlowField, FlowLocale, FlowText } from "../../api/types";
import { dirOf, LOCALE_NAMES } from "../../i18n/locales";
import { type Definition, textOf } from "./model";

/** A plausible answer per field type, so conditions can be tried in the preview. */
export function sampleAnswers(def: Definition): Answers {
  const out: Answers = {};
  for (const s of def.steps)
    for (const f of s.fields) {
      switch (f.type) {
        case "text":
          out[f.id] = "Dana Levi";
          break;
        case "email":
          out[f.id] = "dana@example.com";
          break;
        case "phone":
          out[f.id] = "+972501234567";
          break;
        case "date":
          out[f.id] = f.when === "future" ? "2030-01-15" : "1990-05-17";
          break;
        case "address":
          out[f.id] = { line1: "12 Herzl St", city: "Tel Aviv", postcode: "6100000", country: f.country ?? "IL" };
          break;
        case "select":
          out[f.id] = f.options?.[0]?.id ?? null;
          break;
        case "checkbox":
          out[f.id] = true;
          break;
        case "money":
        case "income":
          out[f.id] = f.min && Number(f.min) > 0 ? f.min : "1000";
          break;
        case "iban":
          out[f.id] = "DE89370400440532013000";
          break;
        case "national_id":
          out[f.id] = "123456782";
          break;
        case "employer":
          out[f.id] = "Acme Ltd";
          break;
        case "file":
          out[f.id] = ["sample-document"];
          break;
        case "bic":
          out[f.id] = "DEUTDEFF500";
          break;
        case "country":
          out[f.id] = f.country ?? "IL";
          break;
      }
    }
  return out;
}

/**
 * The selected step as the customer sees it on a phone (360 px frame), in one of the flow's
 * languages, mirrored for right-to-left ones. Answers typed here (or the sample answers) drive the
 * conditions through the shared flow logic; nothing is saved.
 */
export function PhonePreview({ def, initialLang, initialStep }: { def: Definition; initialLang?: FlowLocale; initialStep?: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [lang, setLang] = useState<FlowLocale>(initialLang && def.languages.includes(initialLang) ? initialLang : def.defaultLanguage);
  const [stepId, setStepId] = useState<string>(initialStep && def.steps.some((s) => s.id === initialStep) ? initialStep : (def.steps[0]?.id ?? ""));
  const [answers, setAnswers] = useState<Answers>({});
  const [sample, setSample] = useState(false);
  const tx = (text: FlowText | undefined) => textOf(text, lang, def.defaultLanguage);
  const say = (key: string, opts: Record<string, unknown> = {}) => t(`flows.preview.phone.${key}`, { ...opts, lng: lang });
  const step = def.steps.find((s) => s.id === stepId) ?? def.steps[0];
  const visible = visibleSteps(def, answers);
  const at = step ? visible.findIndex((s) => s.id === step.id) : -1;
  const before = at < 0 ? [] : visible.slice(0, at).map((s) => s.id);
  const where = progress(def, answers, before);
  const set = (fid: string, value: Answers[string]) => setAnswers((a) => ({ ...a, [fid]: value }));
  return (
    <div className="preview">
      <div className="preview__tools">
        <label htmlFor={`${id}-lang`}>{t("flows.preview.language")}</label>
        <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value as FlowLocale)}>
          {def.languages.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-step`}>{t("flows.preview.step")}</label>
        <select id={`${id}-step`} value={step?.id ?? ""} onChange={(e) => setStepId(e.target.value)}>
          {def.steps.map((s, i) => (
            <option key={s.id} value={s.id}>
              {i + 1}. {textOf(s.title, lang, def.defaultLanguage) || s.id}
            </option>
          ))}
        </select>
        <label className="check">
          <input
            type="checkbox"
            checked={sample}
            onChange={(e) => {
              setSample(e.target.checked);
              setAnswers(e.target.checked ? sampleAnswers(def) : {});
            }}
          />
          {t("flows.preview.sample")}
        </label>
      </div>
      <section className="phone flow-phone" lang={lang} dir={dirOf(lang)} aria-label={t("flows.preview.frame")}>
        <p className="flow-phone__bank">{tx(def.title)}</p>
        {step ? (
          <>
            <p className="flow-phone__progress" aria-live="polite">
              {at < 0 ? say("hidden") : say("progress", { k: at + 1, n: where.total, minutes: where.minutesLeft })}
            </p>
            <div className="flow-phone__bar" aria-hidden="true">
              <span style={{ inlineSize: `${where.total ? Math.round((Math.max(at, 0) / where.total) * 100) : 0}%` }} />
            </div>
            <h3 className="phone__title">{tx(step.title) || step.id}</h3>
            {step.help ? <p className="phone__text">{tx(step.help)}</p> : null}
            {step.helpUrl ? (
              <p>
                <a href={step.helpUrl} target="_blank" rel="noopener">
                  {say("help")}
                </a>
              </p>
            ) : null}
            {step.kind === "payment" && step.payment ? (
              <p className="phone__input">
                {say(step.payment.purpose === "deposit" ? "deposit" : "fee", {
                  amount: step.payment.amountField ? String(answers[step.payment.amountField] ?? "—") : (step.payment.amount ?? "—"),
                  currency: step.payment.currency,
                })}
              </p>
            ) : null}
            {step.kind === "review" ? <p className="phone__text">{say("review")}</p> : null}
            {visibleFields(step, answers).map((f) => (
              <PreviewField key={f.id} field={f} value={answers[f.id]} lang={lang} tx={tx} say={say} currency={def.currency} onChange={(v) => set(f.id, v)} />
            ))}
            {step.fields.length > visibleFields(step, answers).length ? <p className="phone__note">{t("flows.preview.hiddenFields", { n: step.fields.length - visibleFields(step, answers).length })}</p> : null}
            <p className="phone__button">{say(step.kind === "review" ? "submit" : "continue")}</p>
          </>
        ) : (
          <p className="muted">{t("flows.preview.noSteps")}</p>
        )}
      </section>
    </div>
  );
}

interface FieldProps {
  field: FlowField;
  value: Answers[string];
  lang: FlowLocale;
  tx(text: FlowText | undefined): string;
  say(key: string, opts?: Record<string, unknown>): string;
  currency: string;
  onChange(value: Answers[string]): void;
}

function PreviewField({ field, value, lang, tx, say, currency, onChange }: FieldProps) {
  const id = useId();
  const label = tx(field.label) || field.id;
  const filled = value !== undefined && value !== null && value !== "";
  const checked = filled ? checkField(field, value, new Date()) : null;
  const error = checked && !checked.ok ? fieldMessage(checked.problem, lang) : null;
  const described = [field.help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const str = typeof value === "string" ? value : "";
  const ltr = ["email", "phone", "iban", "bic", "national_id", "money", "income"].includes(field.type);
  const help = field.help ? (
    <p className="phone__text" id={`${id}-help`}>
      {tx(field.help)}
    </p>
  ) : null;
  const err = error ? (
    <p className="field__error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
  if (field.type === "checkbox") {
    return (
      <div className="phone__q">
        <div className="check">
          <input id={id} type="checkbox" checked={value === true} aria-describedby={described} onChange={(e) => onChange(e.target.checked)} />
          <label htmlFor={id}>{label}</label>
        </div>
        {help}
        {err}
      </div>
    );
  }
  if (field.type === "address") {
    const a = (value && typeof value === "object" && !Array.isArray(value) ? value : { line1: "", city: "", postcode: "", country: field.country ?? "" }) as AddressValue;
    const part = (key: keyof AddressValue) => (
      <div className="field">
        <label htmlFor={`${id}-${key}`}>{say(`address.${key}`)}</label>
        <input id={`${id}-${key}`} dir="auto" value={a[key] ?? ""} onChange={(e) => onChange({ ...a, [key]: e.target.value })} />
      </div>
    );
    return (
      <fieldset className="phone__q flow-phone__address" aria-describedby={described}>
        <legend className="phone__qtext">
          {label}
          {field.required ? <span aria-hidden="true"> *</span> : null}
        </legend>
        {help}
        {part("line1")}
        {part("city")}
        {part("postcode")}
        {part("country")}
        {err}
      </fieldset>
    );
  }
  return (
    <div className="phone__q field">
      <label htmlFor={id} className="phone__qtext">
        {label}
        {field.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {help}
      {field.type === "select" ? (
        <select id={id} value={str} aria-describedby={described} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{say("choose")}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {tx(o.label) || o.id}
            </option>
          ))}
        </select>
      ) : field.type === "country" ? (
        <select id={id} value={str} aria-describedby={described} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{say("choose")}</option>
          {countryList(lang).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      ) : field.type === "file" ? (
        <p className="phone__input" id={id}>
          {Array.isArray(value) && value.length ? say("fileAdded", { n: value.length }) : say("file")}
        </p>
      ) : (
        <div className="flow-phone__input">
          <input
            id={id}
            type={field.type === "date" ? "date" : field.type === "email" ? "email" : field.type === "phone" ? "tel" : "text"}
            inputMode={field.type === "money" || field.type === "income" ? "decimal" : undefined}
            dir={ltr ? "ltr" : "auto"}
            value={str}
            aria-describedby={described}
            onChange={(e) => onChange(e.target.value)}
          />
          {field.type === "money" || field.type === "income" ? <span className="flow-phone__currency">{field.currency ?? currency}</span> : null}
        </div>
      )}
      {err}
    </div>
  );
}
