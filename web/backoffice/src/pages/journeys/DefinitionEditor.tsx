import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { journeyDefinitions } from "../../api/journeys";
import { JOURNEY_CHANNELS, type JourneyDefinition, type JourneyDefinitionItem } from "../../api/types-journeys";
import { ErrorMessage } from "../../ui/Alert";
import { TextField } from "../../ui/Field";
import { useForm } from "../../ui/form";
import { definitionErrors, type Draft, draftFields, fromDraft, toDraft } from "./definition-draft";
import { OrderedList, RowButtons } from "./OrderedList";
import { channelName, productName } from "./shared";

const CORE = ["started", "submitted", "decided", "funded", "opened", "abandoned"];

interface Props {
  product: string;
  /** What the editor starts from: the product's own definition, else the one it follows now. */
  initial: JourneyDefinition;
  /** The product has a definition of its own (so it can be reverted to the default). */
  own: boolean;
  readOnly: boolean;
  onSaved(item: JourneyDefinitionItem): void;
  onReverted(): void;
  onClose(): void;
}

/** Milestones, touchpoint rules, stage and step order, windows and SLAs of one product's journeys. */
export function DefinitionEditor({ product, initial, own, readOnly, onSaved, onReverted, onClose }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const form = useForm(draftFields(draft));
  const err = (name: string) => problems[name] ?? form.errors.fields[name];
  // After a refused save, the first field the API named takes focus (once it shows its error).
  useEffect(() => {
    if (Object.keys(problems).length) form.ref.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [problems, form.ref]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const at = <K extends "milestones" | "touchpoints" | "sla">(key: K, i: number, patch: Partial<Draft[K][number]>) =>
    setDraft((d) => ({ ...d, [key]: d[key].map((row, j) => (j === i ? { ...row, ...patch } : row)) }));
  const drop = (key: "milestones" | "touchpoints" | "sla", i: number) => setDraft((d) => ({ ...d, [key]: d[key].filter((_, j) => j !== i) }));
  const move = (i: number, by: number) =>
    setDraft((d) => {
      const rows = [...d.touchpoints];
      const [row] = rows.splice(i, 1);
      if (row) rows.splice(i + by, 0, row);
      return { ...d, touchpoints: rows };
    });

  const save = (e: FormEvent) =>
    void form.submit(
      e,
      async () => {
        setProblems({});
        try {
          onSaved(await journeyDefinitions.save(product, fromDraft(product, draft)));
        } catch (error) {
          setProblems(definitionErrors(t, error));
          throw error;
        }
      },
      { name: draft.name },
    );
  const revert = () => {
    if (!window.confirm(t("journeys.definitions.revertConfirm", { product: productName(t, product) }))) return;
    void form.submit(null, async () => {
      await journeyDefinitions.remove(product);
      onReverted();
    });
  };

  const title = t("journeys.definitions.editorTitle", { product: productName(t, product) });
  return (
    <section className="card jr-editor" aria-labelledby="jr-editor-title">
      <h2 id="jr-editor-title">{title}</h2>
      <form ref={form.ref} onSubmit={save} noValidate>
        <fieldset disabled={readOnly} className="jr-editor__body">
          <legend className="visually-hidden">{title}</legend>
          {readOnly ? <p className="muted">{t("journeys.definitions.readOnly")}</p> : null}
          <TextField label={t("journeys.definitions.name")} name="name" value={draft.name} error={err("name")} onChange={(e) => set({ name: e.target.value })} />

          <fieldset className="jr-group-box">
            <legend>{t("journeys.definitions.milestones")}</legend>
            <p className="field__hint">{t("journeys.definitions.milestonesHint")}</p>
            {err("milestones") ? <p className="field__error">{err("milestones")}</p> : null}
            <datalist id="jr-core-milestones">
              {CORE.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            {draft.milestones.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity
              <div key={i} className="jr-row">
                <TextField label={t("journeys.definitions.mapEvent", { n: i + 1 })} dir="ltr" value={m.event} onChange={(e) => at("milestones", i, { event: e.target.value })} />
                <TextField
                  label={t("journeys.definitions.mapMilestone", { n: i + 1 })}
                  dir="ltr"
                  list="jr-core-milestones"
                  value={m.milestone}
                  error={err(`milestones.${m.event.trim()}`)}
                  onChange={(e) => at("milestones", i, { milestone: e.target.value })}
                />
                <RowButtons label={m.event || String(i + 1)} onRemove={() => drop("milestones", i)} />
              </div>
            ))}
            <button type="button" className="button button--secondary button--small" onClick={() => set({ milestones: [...draft.milestones, { event: "", milestone: "" }] })}>
              {t("journeys.definitions.addMilestone")}
            </button>
          </fieldset>

          <fieldset className="jr-group-box">
            <legend>{t("journeys.definitions.touchpoints")}</legend>
            <p className="field__hint">
              {t("journeys.definitions.touchpointsHint")} {t("journeys.definitions.channelHint")}
            </p>
            <datalist id="jr-channels">
              {JOURNEY_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {channelName(t, c)}
                </option>
              ))}
            </datalist>
            {draft.touchpoints.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity
              <div key={i} className="jr-row">
                <TextField
                  label={t("journeys.definitions.ruleEvent", { n: i + 1 })}
                  dir="ltr"
                  value={r.event}
                  error={err(`touchpoints.${i}.event`)}
                  onChange={(e) => at("touchpoints", i, { event: e.target.value })}
                />
                <TextField
                  label={t("journeys.definitions.ruleChannel", { n: i + 1 })}
                  dir="ltr"
                  list="jr-channels"
                  value={r.channel}
                  error={err(`touchpoints.${i}.channel`)}
                  onChange={(e) => at("touchpoints", i, { channel: e.target.value })}
                />
                <TextField
                  label={t("journeys.definitions.ruleLabel", { n: i + 1 })}
                  value={r.label}
                  error={err(`touchpoints.${i}.label`)}
                  onChange={(e) => at("touchpoints", i, { label: e.target.value })}
                />
                <RowButtons
                  label={r.event || String(i + 1)}
                  onUp={i > 0 ? () => move(i, -1) : undefined}
                  onDown={i < draft.touchpoints.length - 1 ? () => move(i, 1) : undefined}
                  onRemove={() => drop("touchpoints", i)}
                />
              </div>
            ))}
            <button type="button" className="button button--secondary button--small" onClick={() => set({ touchpoints: [...draft.touchpoints, { event: "", channel: "", label: "" }] })}>
              {t("journeys.definitions.addTouchpoint")}
            </button>
          </fieldset>

          <OrderedList
            legend={t("journeys.definitions.stages")}
            hint={t("journeys.definitions.stagesHint")}
            itemLabel={(n) => t("journeys.definitions.stageN", { n })}
            addLabel={t("journeys.definitions.addStage")}
            list="jr-core-milestones"
            items={draft.stages}
            error={err("stages")}
            itemError={(i) => err(`stages.${i}`)}
            onChange={(stages) => set({ stages })}
          />
          <OrderedList
            legend={t("journeys.definitions.steps")}
            hint={t("journeys.definitions.stepsHint")}
            itemLabel={(n) => t("journeys.definitions.stepN", { n })}
            addLabel={t("journeys.definitions.addStep")}
            items={draft.steps}
            error={err("steps")}
            itemError={(i) => err(`steps.${i}`)}
            onChange={(steps) => set({ steps })}
          />

          <div className="grid-form">
            <TextField
              label={t("journeys.definitions.inactivityDays")}
              hint={t("journeys.definitions.inactivityHint")}
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={draft.inactivityDays}
              error={err("inactivityDays")}
              onChange={(e) => set({ inactivityDays: e.target.value })}
            />
            <TextField
              label={t("journeys.definitions.conversionWindowDays")}
              hint={t("journeys.definitions.conversionHint")}
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={draft.conversionWindowDays}
              error={err("conversionWindowDays")}
              onChange={(e) => set({ conversionWindowDays: e.target.value })}
            />
          </div>

          <fieldset className="jr-group-box">
            <legend>{t("journeys.definitions.sla")}</legend>
            <p className="field__hint">{t("journeys.definitions.slaHint")}</p>
            {draft.sla.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity
              <div key={i} className="jr-row">
                <TextField label={t("journeys.definitions.requestType", { n: i + 1 })} dir="ltr" value={s.type} onChange={(e) => at("sla", i, { type: e.target.value })} />
                <TextField
                  label={t("journeys.definitions.slaHours", { n: i + 1 })}
                  type="number"
                  inputMode="decimal"
                  min={1}
                  value={s.hours}
                  error={err(`slaHours.${s.type.trim()}`)}
                  onChange={(e) => at("sla", i, { hours: e.target.value })}
                />
                <RowButtons label={s.type || String(i + 1)} onRemove={() => drop("sla", i)} />
              </div>
            ))}
            <button type="button" className="button button--secondary button--small" onClick={() => set({ sla: [...draft.sla, { type: "", hours: "" }] })}>
              {t("journeys.definitions.addSla")}
            </button>
          </fieldset>
        </fieldset>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <div className="actions">
          {readOnly ? null : (
            <button type="submit" className="button" disabled={form.busy}>
              {form.busy ? t("common.working") : t("journeys.definitions.save")}
            </button>
          )}
          {!readOnly && own ? (
            <button type="button" className="button button--danger" disabled={form.busy} onClick={revert}>
              {t("journeys.definitions.revert")}
            </button>
          ) : null}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("common.close")}
          </button>
        </div>
      </form>
    </section>
  );
}
