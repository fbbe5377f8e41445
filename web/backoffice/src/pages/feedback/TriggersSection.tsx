import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { distribution } from "../../api/feedback";
import type { Channel, Trigger } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { usePaged } from "../../ui/data";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useForm } from "../../ui/form";
import { PagedTable } from "../../ui/PagedTable";
import { LabelledCell } from "../../ui/TableWrap";

/** `a=b, c=d` → `{ a: "b", c: "d" }`; null when a part has no `=`. */
export function parseConditions(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf("=");
    if (at <= 0) return null;
    out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

/** Journey events that send this survey after a delay, with conditions on the event's properties. */
export function TriggersSection({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = usePaged((cursor) => distribution.triggers(surveyId, { cursor, limit: 50 }), [surveyId]);
  const toggle = useForm();
  // The switch moves at once (optimistic); it moves back if the server refuses.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const unpend = (id: string) =>
    setPending(({ [id]: _done, ...rest }) => rest);

  const setActive = (tr: Trigger) => {
    setPending((p) => ({ ...p, [tr.id]: !tr.active }));
    return toggle
      .submit(null, async () => {
        setNotice(null);
        const next = await distribution.updateTrigger(tr.id, { active: !tr.active });
        list.replace((x) => x.id === tr.id, next);
        setNotice(t(next.active ? "feedback.triggers.activated" : "feedback.triggers.paused", { event: tr.eventType }));
      })
      .finally(() => unpend(tr.id));
  };

  return (
    <section className="section" aria-labelledby="fb-triggers">
      <div className="fb-section-head">
        <h2 id="fb-triggers">{t("feedback.triggers.title")}</h2>
        {!adding ? (
          <button type="button" className="button" onClick={() => {
              setNotice(null);
              setAdding(true);
            }}>
            {t("feedback.triggers.new")}
          </button>
        ) : null}
      </div>
      <p className="muted">{t("feedback.triggers.intro")}</p>
      <StatusMessage>{notice}</StatusMessage>
      <ErrorMessage>{toggle.errors.message}</ErrorMessage>
      {adding ? (
        <TriggerForm
          surveyId={surveyId}
          onCancel={() => setAdding(false)}
          onCreated={(tr) => {
            setAdding(false);
            setNotice(t("feedback.triggers.created", { event: tr.eventType }));
            list.reload();
          }}
        />
      ) : null}
      <PagedTable
        list={list}
        label={t("feedback.triggers.title")}
        className="table-wrap--stack"
        columns={[t("feedback.triggers.event"), t("feedback.triggers.delay"), t("feedback.campaigns.channel"), t("feedback.triggers.conditions"), t("feedback.triggers.active")]}
        empty={t("feedback.triggers.none")}
        row={(tr: Trigger) => (
          <tr key={tr.id}>
            <td className="cell--head">
              <code dir="ltr">{tr.eventType}</code>
            </td>
            <LabelledCell label={t("feedback.triggers.delay")}>{t("feedback.triggers.minutes", { count: tr.delayMinutes })}</LabelledCell>
            <LabelledCell label={t("feedback.campaigns.channel")}>{t(`feedback.invite.${tr.channel === "email" ? "byEmail" : "bySms"}`)}</LabelledCell>
            <LabelledCell label={t("feedback.triggers.conditions")}>
              {Object.keys(tr.conditions).length ? (
                <code dir="ltr">
                  {Object.entries(tr.conditions)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ")}
                </code>
              ) : (
                t("feedback.triggers.always")
              )}
            </LabelledCell>
            <td className="cell--actions">
              <label className="fb-switch">
                <input
                  type="checkbox"
                  role="switch"
                  aria-checked={pending[tr.id] ?? tr.active}
                  checked={pending[tr.id] ?? tr.active}
                  disabled={toggle.busy}
                  onChange={() => void setActive(tr)}
                />
                {t("feedback.triggers.activeFor", { event: tr.eventType })}
              </label>
            </td>
          </tr>
        )}
      />
    </section>
  );
}

function TriggerForm({ surveyId, onCancel, onCreated }: { surveyId: string; onCancel(): void; onCreated(tr: Trigger): void }) {
  const { t } = useTranslation();
  const form = useForm(["eventType", "delayMinutes", "channel", "conditions"]);
  const [eventType, setEventType] = useState("");
  const [delay, setDelay] = useState("60");
  const [channel, setChannel] = useState<Channel>("email");
  const [conditions, setConditions] = useState("");
  const [active, setActive] = useState(true);

  const submit = (e: FormEvent) =>
    form.submit(
      e,
      async () => {
        const parsed = parseConditions(conditions);
        if (!parsed) return form.setFieldError("conditions", t("feedback.triggers.conditionsInvalid"));
        onCreated(await distribution.createTrigger({ surveyId, eventType: eventType.trim(), delayMinutes: Number(delay) || 0, channel, conditions: parsed, active }));
      },
      { eventType, delayMinutes: delay },
    );

  return (
    <section className="card" aria-labelledby="fb-trigger-form">
      <h3 id="fb-trigger-form">{t("feedback.triggers.new")}</h3>
      <form ref={form.ref} className="grid-form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField
          label={t("feedback.triggers.event")}
          hint={t("feedback.triggers.eventHint")}
          dir="ltr"
          list="fb-event-types"
          value={eventType}
          onChange={(e) => setEventType(e.target.value)}
          error={form.errors.fields.eventType}
        />
        <datalist id="fb-event-types">
          <option value="application.funded" />
          <option value="branch.visit" />
          <option value="call.ended" />
        </datalist>
        <TextField label={t("feedback.triggers.delayMinutes")} type="number" min={0} value={delay} onChange={(e) => setDelay(e.target.value)} error={form.errors.fields.delayMinutes} />
        <SelectField label={t("feedback.campaigns.channel")} value={channel} onChange={(e) => setChannel(e.target.value as Channel)} error={form.errors.fields.channel}>
          <option value="email">{t("feedback.invite.byEmail")}</option>
          <option value="sms">{t("feedback.invite.bySms")}</option>
        </SelectField>
        <TextField
          label={t("feedback.triggers.conditions")}
          hint={t("feedback.triggers.conditionsHint")}
          dir="ltr"
          value={conditions}
          onChange={(e) => setConditions(e.target.value)}
          error={form.errors.fields.conditions}
        />
        <div className="field">
          <label className="fb-switch">
            <input type="checkbox" role="switch" aria-checked={active} checked={active} onChange={(e) => setActive(e.target.checked)} />
            {t("feedback.triggers.active")}
          </label>
        </div>
        <FormActions busy={form.busy} submit={t("feedback.triggers.create")} onCancel={onCancel} />
      </form>
    </section>
  );
}
