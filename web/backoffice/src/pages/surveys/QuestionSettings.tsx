import { useTranslation } from "react-i18next";
import { ADDRESS_FIELDS, CONTACT_FIELDS } from "../../../../../src/modules/feedback/definition/types";
import type { Question } from "../../api/types";
import { ChoicesEditor } from "./ChoicesEditor";
import { Check, Choose, Group, NumberField, PlainField } from "./controls";
import { LocalizedField } from "./LocalizedField";

const FILE_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
const TEXT_FORMATS = ["short", "long", "email", "phone", "number", "url"] as const;
const RATING_STYLES = ["stars", "numbers", "smileys"] as const;
const MiB = 1024 * 1024;

/** The settings of one question type (everything but text, description, required and display logic). */
export function QuestionSettings({ q, path, onChange }: { q: Question; path: string; onChange(q: Question): void }) {
  const { t } = useTranslation();
  const toggle = <T extends string>(list: T[], item: T, on: boolean, order: readonly T[]): T[] =>
    order.filter((x) => (x === item ? on : list.includes(x)));

  switch (q.type) {
    case "nps":
    case "csat":
    case "ces":
    case "rating":
      return (
        <Group legend={t("surveys.settings.scale")}>
          {q.type === "rating" ? (
            <div className="grid-form">
              <Choose
                label={t("surveys.settings.style")}
                path={`${path}.style`}
                value={q.style}
                options={RATING_STYLES.map((s) => ({ value: s, label: t(`surveys.styles.${s}`) }))}
                onChange={(style) => onChange({ ...q, style })}
              />
              <NumberField label={t("surveys.settings.points")} path={`${path}.points`} min={3} max={10} value={q.points} onChange={(n) => onChange({ ...q, points: n ?? 5 })} />
            </div>
          ) : null}
          <LocalizedField label={t("surveys.settings.lowLabel")} path={`${path}.lowLabel`} value={q.lowLabel} onChange={(lowLabel) => onChange({ ...q, lowLabel })} />
          <LocalizedField label={t("surveys.settings.highLabel")} path={`${path}.highLabel`} value={q.highLabel} onChange={(highLabel) => onChange({ ...q, highLabel })} />
        </Group>
      );
    case "single":
    case "multi":
    case "dropdown":
    case "ranking":
      return (
        <>
          <ChoicesEditor legend={t("surveys.settings.choices")} path={`${path}.choices`} items={q.choices} onChange={(choices) => onChange({ ...q, choices })} />
          <Check label={t("surveys.settings.randomizeChoices")} path={`${path}.randomizeChoices`} checked={q.randomizeChoices} onChange={(randomizeChoices) => onChange({ ...q, randomizeChoices })} />
          {q.type === "multi" ? (
            <div className="grid-form">
              <NumberField label={t("surveys.settings.minChoices")} path={`${path}.minChoices`} min={0} value={q.minChoices} onChange={(minChoices) => onChange({ ...q, minChoices })} />
              <NumberField label={t("surveys.settings.maxChoices")} path={`${path}.maxChoices`} min={1} value={q.maxChoices} onChange={(maxChoices) => onChange({ ...q, maxChoices })} />
            </div>
          ) : null}
        </>
      );
    case "picture":
      return (
        <>
          <ChoicesEditor legend={t("surveys.settings.pictures")} path={`${path}.choices`} items={q.choices} images onChange={(choices) => onChange({ ...q, choices })} />
          <Check label={t("surveys.settings.multiple")} path={`${path}.multiple`} checked={q.multiple} onChange={(multiple) => onChange({ ...q, multiple })} />
          <Check label={t("surveys.settings.randomizeChoices")} path={`${path}.randomizeChoices`} checked={q.randomizeChoices} onChange={(randomizeChoices) => onChange({ ...q, randomizeChoices })} />
        </>
      );
    case "matrix":
      return (
        <>
          <ChoicesEditor legend={t("surveys.settings.rows")} kind="row" path={`${path}.rows`} items={q.rows} onChange={(rows) => onChange({ ...q, rows })} />
          <ChoicesEditor legend={t("surveys.settings.columns")} kind="column" path={`${path}.columns`} items={q.columns} onChange={(columns) => onChange({ ...q, columns })} />
          <Check label={t("surveys.settings.multiplePerRow")} path={`${path}.multiple`} checked={q.multiple} onChange={(multiple) => onChange({ ...q, multiple })} />
          <Check label={t("surveys.settings.randomizeRows")} path={`${path}.randomizeChoices`} checked={q.randomizeChoices} onChange={(randomizeChoices) => onChange({ ...q, randomizeChoices })} />
        </>
      );
    case "text":
      return (
        <Group legend={t("surveys.settings.answer")}>
          <div className="grid-form">
            <Choose
              label={t("surveys.settings.format")}
              path={`${path}.format`}
              value={q.format}
              options={TEXT_FORMATS.map((f) => ({ value: f, label: t(`surveys.formats.${f}`) }))}
              onChange={(format) => onChange({ ...q, format })}
            />
            <NumberField label={t("surveys.settings.maxLength")} path={`${path}.maxLength`} min={1} max={5000} value={q.maxLength} onChange={(n) => onChange({ ...q, maxLength: n ?? 1000 })} />
          </div>
          <LocalizedField label={t("surveys.settings.placeholder")} path={`${path}.placeholder`} value={q.placeholder} onChange={(placeholder) => onChange({ ...q, placeholder })} />
        </Group>
      );
    case "date": {
      const { min: _min, max: _max, ...rest } = q;
      return (
        <Group legend={t("surveys.settings.range")}>
          <div className="grid-form">
            <PlainField label={t("surveys.settings.minDate")} type="date" path={`${path}.min`} value={q.min ?? ""} onChange={(min) => onChange(min ? { ...q, min } : { ...rest, ...(q.max ? { max: q.max } : {}) })} />
            <PlainField label={t("surveys.settings.maxDate")} type="date" path={`${path}.max`} value={q.max ?? ""} onChange={(max) => onChange(max ? { ...q, max } : { ...rest, ...(q.min ? { min: q.min } : {}) })} />
          </div>
        </Group>
      );
    }
    case "consent":
      return <LocalizedField label={t("surveys.settings.consentLabel")} path={`${path}.label`} value={q.label} required onChange={(label) => onChange({ ...q, label })} />;
    case "statement": {
      const { url: _url, ...rest } = q;
      return (
        <Group legend={t("surveys.settings.callToAction")}>
          <LocalizedField label={t("surveys.settings.buttonLabel")} path={`${path}.buttonLabel`} value={q.buttonLabel} onChange={(buttonLabel) => onChange({ ...q, buttonLabel })} />
          <PlainField label={t("surveys.settings.url")} hint={t("surveys.settings.httpsOnly")} type="url" placeholder="https://" path={`${path}.url`} value={q.url ?? ""} onChange={(url) => onChange(url ? { ...q, url } : rest)} />
        </Group>
      );
    }
    case "file":
      return (
        <Group legend={t("surveys.settings.files")}>
          {FILE_TYPES.map((type) => (
            <Check key={type} label={t(`surveys.fileTypes.${type.split("/")[1]}`)} path={`${path}.accept`} checked={q.accept.includes(type)} onChange={(on) => onChange({ ...q, accept: toggle(q.accept, type, on, FILE_TYPES) })} />
          ))}
          <NumberField
            label={t("surveys.settings.maxMegabytes")}
            path={`${path}.maxBytes`}
            min={1}
            max={20}
            value={Math.round((q.maxBytes / MiB) * 10) / 10}
            onChange={(n) => onChange({ ...q, maxBytes: Math.round((n ?? 10) * MiB) })}
          />
        </Group>
      );
    case "contact":
      return (
        <Group legend={t("surveys.settings.fields")}>
          {CONTACT_FIELDS.map((f) => (
            <Check key={f} label={t(`surveys.contactFields.${f}`)} path={`${path}.fields`} checked={q.fields.includes(f)} onChange={(on) => onChange({ ...q, fields: toggle(q.fields, f, on, CONTACT_FIELDS) })} />
          ))}
        </Group>
      );
    case "address":
      return (
        <Group legend={t("surveys.settings.fields")}>
          {ADDRESS_FIELDS.map((f) => (
            <Check key={f} label={t(`surveys.addressFields.${f}`)} path={`${path}.fields`} checked={q.fields.includes(f)} onChange={(on) => onChange({ ...q, fields: toggle(q.fields, f, on, ADDRESS_FIELDS) })} />
          ))}
        </Group>
      );
  }
}
