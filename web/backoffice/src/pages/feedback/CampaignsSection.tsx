import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { distribution } from "../../api/feedback";
import type { Campaign, Channel } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { usePaged, useResource } from "../../ui/data";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { formatDateTime } from "../../ui/format";
import { useForm } from "../../ui/form";
import { PagedTable } from "../../ui/PagedTable";
import { LabelledCell } from "../../ui/TableWrap";
import { num } from "./shared";

const lists = (text: string) => text.split(",").map((l) => l.trim()).filter(Boolean);

/** Campaigns of this survey: audience lists, channel, schedule and reminders; counts per campaign. */
export function CampaignsSection({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = usePaged((cursor) => distribution.campaigns(surveyId, { cursor, limit: 20 }), [surveyId]);
  return (
    <section className="section" aria-labelledby="fb-campaigns">
      <div className="fb-section-head">
        <h2 id="fb-campaigns">{t("feedback.campaigns.title")}</h2>
        {!adding ? (
          <button type="button" className="button" onClick={() => {
              setNotice(null);
              setAdding(true);
            }}>
            {t("feedback.campaigns.new")}
          </button>
        ) : null}
      </div>
      <StatusMessage>{notice}</StatusMessage>
      {adding ? (
        <CampaignForm
          surveyId={surveyId}
          onCancel={() => setAdding(false)}
          onCreated={(c) => {
            setAdding(false);
            setNotice(t("feedback.campaigns.created", { name: c.name }));
            list.reload();
          }}
        />
      ) : null}
      <PagedTable
        list={list}
        label={t("feedback.campaigns.title")}
        className="table-wrap--stack"
        columns={[t("feedback.campaigns.name"), t("common.status"), t("feedback.campaigns.sendAt"), t("feedback.campaigns.targeted"), t("feedback.campaigns.skipped"), t("feedback.campaigns.sent"), t("feedback.campaigns.opened"), t("feedback.campaigns.completed"), t("feedback.campaigns.reminded")]}
        empty={t("feedback.campaigns.none")}
        row={(c: Campaign) => <CampaignRow key={c.id} c={c} />}
      />
    </section>
  );
}

/** One campaign; its counts come from the single-campaign view. */
function CampaignRow({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const detail = useResource(() => distribution.campaign(c.id), [c.id]);
  const k = detail.data?.counts;
  const n = (v: number | undefined) => (v === undefined ? "…" : num(v, 0));
  return (
    <tr>
      <td className="cell--head">
        <span className="strong" dir="auto">
          {c.name}
        </span>
        <br />
        <span className="muted">
          {t(`feedback.invite.${c.channel === "email" ? "byEmail" : "bySms"}`)} · {c.lists.join(", ")}
        </span>
      </td>
      <LabelledCell label={t("common.status")}>{t(`feedback.campaigns.status.${c.status}`)}</LabelledCell>
      <LabelledCell label={t("feedback.campaigns.sendAt")}>{formatDateTime(c.sendAt)}</LabelledCell>
      <LabelledCell label={t("feedback.campaigns.targeted")}>{n(k?.targeted)}</LabelledCell>
      <LabelledCell label={t("feedback.campaigns.skipped")}>
        {k ? t("feedback.campaigns.skippedDetail", { unsubscribed: k.skipped.unsubscribed, frequency: k.skipped.frequency, noAddress: k.skipped.noAddress }) : "…"}
      </LabelledCell>
      <LabelledCell label={t("feedback.campaigns.sent")}>{n(k?.sent)}</LabelledCell>
      <LabelledCell label={t("feedback.campaigns.opened")}>{n(k?.opened)}</LabelledCell>
      <LabelledCell label={t("feedback.campaigns.completed")}>{n(k?.completed)}</LabelledCell>
      <LabelledCell label={t("feedback.campaigns.reminded")}>{n(k?.reminded)}</LabelledCell>
    </tr>
  );
}

function CampaignForm({ surveyId, onCancel, onCreated }: { surveyId: string; onCancel(): void; onCreated(c: Campaign): void }) {
  const { t } = useTranslation();
  const form = useForm(["name", "channel", "lists", "sendAt", "reminders.afterDays", "reminders.max"]);
  const [name, setName] = useState("");
  const [channel, setChannel] = useState<Channel>("email");
  const [audience, setAudience] = useState("");
  const [when, setWhen] = useState<"now" | "later">("now");
  const [sendAt, setSendAt] = useState("");
  const [after, setAfter] = useState("3");
  const [max, setMax] = useState("0");

  const submit = (e: FormEvent) =>
    form.submit(
      e,
      async () => {
        if (lists(audience).length === 0) return form.setFieldError("lists", t("fieldErrors.required"));
        if (when === "later" && !sendAt) return form.setFieldError("sendAt", t("fieldErrors.required"));
        const reminders = Number(max) || 0;
        onCreated(
          await distribution.createCampaign({
            surveyId,
            name: name.trim(),
            channel,
            lists: lists(audience),
            ...(when === "later" ? { sendAt: new Date(sendAt).toISOString() } : {}),
            ...(reminders > 0 ? { reminders: { afterDays: Number(after), max: reminders } } : {}),
          }),
        );
      },
      { name },
    );

  return (
    <section className="card" aria-labelledby="fb-campaign-form">
      <h3 id="fb-campaign-form">{t("feedback.campaigns.new")}</h3>
      <form ref={form.ref} className="grid-form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField label={t("feedback.campaigns.name")} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} />
        <SelectField label={t("feedback.campaigns.channel")} value={channel} onChange={(e) => setChannel(e.target.value as Channel)} error={form.errors.fields.channel}>
          <option value="email">{t("feedback.invite.byEmail")}</option>
          <option value="sms">{t("feedback.invite.bySms")}</option>
        </SelectField>
        <TextField label={t("feedback.campaigns.audience")} hint={t("feedback.contacts.listsHint")} value={audience} onChange={(e) => setAudience(e.target.value)} error={form.errors.fields.lists} />
        <SelectField label={t("feedback.campaigns.when")} value={when} onChange={(e) => setWhen(e.target.value as "now" | "later")}>
          <option value="now">{t("feedback.campaigns.now")}</option>
          <option value="later">{t("feedback.campaigns.later")}</option>
        </SelectField>
        {when === "later" ? (
          <TextField label={t("feedback.campaigns.sendAt")} type="datetime-local" value={sendAt} onChange={(e) => setSendAt(e.target.value)} error={form.errors.fields.sendAt} />
        ) : null}
        <TextField label={t("feedback.campaigns.maxReminders")} type="number" min={0} max={5} value={max} onChange={(e) => setMax(e.target.value)} error={form.errors.fields["reminders.max"]} />
        {Number(max) > 0 ? (
          <TextField
            label={t("feedback.campaigns.reminderAfter")}
            hint={t("feedback.campaigns.reminderHint")}
            type="number"
            min={1}
            max={60}
            value={after}
            onChange={(e) => setAfter(e.target.value)}
            error={form.errors.fields["reminders.afterDays"]}
          />
        ) : null}
        <FormActions busy={form.busy} submit={t("feedback.campaigns.create")} onCancel={onCancel} />
      </form>
    </section>
  );
}
