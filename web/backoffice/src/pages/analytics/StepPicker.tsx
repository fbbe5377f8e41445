import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { flows } from "../../api/flows";
import type { FlowStep, ProductId } from "../../api/types";
import { useCan } from "../../session";
import { SelectField, TextField } from "../../ui/Field";
import { localize, MILESTONE_NODES, stepLabel } from "./labels";

const PRODUCTS: ProductId[] = ["checking", "savings", "credit_card", "personal_loan", "auto_loan", "mortgage"];

/**
 * The steps of a product's published flow (else its draft), for "step:<id>" funnel nodes. Only
 * for those who may read flows; others type an event name.
 */
export function useFlowSteps(product: string): FlowStep[] {
  const can = useCan();
  const allowed = can("flows:read") && (PRODUCTS as string[]).includes(product);
  const [steps, setSteps] = useState<FlowStep[]>([]);
  useEffect(() => {
    if (!allowed) {
      setSteps([]);
      return;
    }
    let live = true;
    const id = product as ProductId;
    flows
      .get(id)
      .then((f) => (f.publishedVersion ? flows.version(id, f.publishedVersion).then((v) => v.definition) : f.draft))
      .then((def) => live && setSteps(def.steps))
      .catch(() => live && setSteps([]));
    return () => {
      live = false;
    };
  }, [product, allowed]);
  return steps;
}

interface Props {
  steps: string[];
  onChange(next: string[]): void;
  product: string;
  onProduct(product: string): void;
}

/** An ordered list of funnel steps: add a milestone, a flow step or any event; move and remove. */
export function StepPicker({ steps, onChange, product, onProduct }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const flowSteps = useFlowSteps(product);
  const [pick, setPick] = useState("");
  const [event, setEvent] = useState("");
  const title = (id: string) => {
    const s = flowSteps.find((f) => f.id === id);
    return s ? localize(s.title) : undefined;
  };
  const add = (node: string) => {
    if (node && !steps.includes(node)) onChange([...steps, node]);
  };
  const move = (i: number, by: number) => {
    const next = [...steps];
    const [item] = next.splice(i, 1);
    if (item !== undefined) next.splice(i + by, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="filter an-steps">
      <legend>{t("analytics.funnel.steps")}</legend>
      {steps.length === 0 ? <p className="muted">{t("analytics.funnel.noSteps")}</p> : null}
      <ol className="an-steps__list">
        {steps.map((s, i) => {
          const name = stepLabel(t, s, title);
          return (
            <li key={s} className="an-steps__item">
              <span className="an-steps__name">{name}</span>
              <span className="an-steps__actions">
                <button type="button" className="button button--small button--secondary" disabled={i === 0} onClick={() => move(i, -1)}>
                  {t("analytics.funnel.up")}
                  <span className="visually-hidden"> {name}</span>
                </button>
                <button type="button" className="button button--small button--secondary" disabled={i === steps.length - 1} onClick={() => move(i, 1)}>
                  {t("analytics.funnel.down")}
                  <span className="visually-hidden"> {name}</span>
                </button>
                <button type="button" className="button button--small button--danger" onClick={() => onChange(steps.filter((x) => x !== s))}>
                  {t("analytics.funnel.remove")}
                  <span className="visually-hidden"> {name}</span>
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="grid-form">
        {can("flows:read") ? (
          <SelectField label={t("analytics.funnel.flowOf")} value={product} onChange={(e) => onProduct(e.target.value)}>
            <option value="">{t("common.choose")}</option>
            {PRODUCTS.map((p) => (
              <option key={p} value={p}>
                {t(`applications.products.${p}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="an-add">
          <SelectField label={t("analytics.funnel.addStep")} value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{t("common.choose")}</option>
            <optgroup label={t("analytics.funnel.milestones")}>
              {MILESTONE_NODES.map((m) => (
                <option key={m} value={m} disabled={steps.includes(m)}>
                  {stepLabel(t, m)}
                </option>
              ))}
            </optgroup>
            {flowSteps.length ? (
              <optgroup label={t("analytics.funnel.flowSteps")}>
                {flowSteps.map((s) => (
                  <option key={s.id} value={`step:${s.id}`} disabled={steps.includes(`step:${s.id}`)}>
                    {localize(s.title) || s.id}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
          <button
            type="button"
            className="button button--secondary"
            disabled={!pick}
            onClick={() => {
              add(pick);
              setPick("");
            }}
          >
            {t("analytics.funnel.add")}
          </button>
        </div>
        <div className="an-add">
          <TextField label={t("analytics.funnel.eventName")} hint={t("analytics.funnel.eventHint")} value={event} dir="ltr" onChange={(e) => setEvent(e.target.value)} />
          <button
            type="button"
            className="button button--secondary"
            disabled={!event.trim()}
            onClick={() => {
              add(`event:${event.trim()}`);
              setEvent("");
            }}
          >
            {t("analytics.funnel.addEvent")}
          </button>
        </div>
      </div>
    </fieldset>
  );
}
