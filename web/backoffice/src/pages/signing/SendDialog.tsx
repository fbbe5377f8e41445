import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, fieldName } from "../../api/client";
import { signing } from "../../api/signing";
import type { ApplicationDetail, Envelope, EnvelopeInput, SignerRole, SigningLanguage, TemplateSummary } from "../../api/types";
import { ErrorMessage } from "../../ui/Alert";
import { fieldMessage, problemMessage } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useResource } from "../../ui/data";
import { Loading, LoadError } from "../../ui/Page";
import { LANGUAGES, languageName, templateName, useModal } from "./shared";

interface SignerDraft {
  role: SignerRole;
  name: string;
  email: string;
  phone: string;
  language: SigningLanguage;
}

const MAX_SIGNERS = 5;
const asLanguage = (l: string): SigningLanguage => ((LANGUAGES as readonly string[]).includes(l) ? (l as SigningLanguage) : "en");

/** The request as the API takes it: empty contacts left out. */
export function envelopeInput(documents: string[], signers: SignerDraft[], routing: "parallel" | "sequential", expiresInDays: number, remindEvery: number | null): EnvelopeInput {
  return {
    documents,
    signers: signers.map((s) => ({
      role: s.role,
      name: s.name.trim(),
      ...(s.email.trim() ? { email: s.email.trim() } : {}),
      ...(s.phone.trim() ? { phone: s.phone.trim() } : {}),
      language: s.language,
    })),
    routing,
    expiresInDays,
    reminderEveryHours: remindEvery,
  };
}

/** "Send for signature": documents (this product's first), signers, order, expiry and reminders. */
export function SendDialog({ app, onClose, onSent }: { app: ApplicationDetail; onClose(): void; onSent(envelope: Envelope): void }) {
  const { t } = useTranslation();
  const ref = useModal();
  const id = useId();
  const templates = useResource(() => signing.templates(), []);
  const [picked, setPicked] = useState<string[]>([]);
  const [signers, setSigners] = useState<SignerDraft[]>([
    { role: "applicant", name: app.customer.name, email: app.customer.email ?? "", phone: app.customer.phone ?? "", language: asLanguage(app.language) },
  ]);
  const [routing, setRouting] = useState<"parallel" | "sequential">("sequential");
  const [days, setDays] = useState(14);
  const [remind, setRemind] = useState(true);
  const [hours, setHours] = useState(48);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});

  const active = (templates.data?.items ?? []).filter((x) => x.status === "active");
  const mine = active.filter((x) => x.products.includes(app.product) || (x.source === "upload" && x.products.length === 0));
  const others = active.filter((x) => !mine.includes(x));
  const fieldError = (path: string) => problems[path];
  const setSigner = (i: number, patch: Partial<SignerDraft>) => setSigners((list) => list.map((s, n) => (n === i ? { ...s, ...patch } : s)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setProblems({});
    if (picked.length === 0) {
      setProblems({ documents: t("signing.send.pickDocument") });
      return setError(t("form.checkFields"));
    }
    setBusy(true);
    try {
      onSent(await signing.send(app.id, envelopeInput(picked, signers, routing, days, remind ? hours : null)));
    } catch (err) {
      if (err instanceof ApiError && err.fieldProblems.length) {
        const next: Record<string, string> = {};
        for (const p of err.fieldProblems) next[fieldName(p.path)] ??= fieldMessage(t, p);
        setProblems(next);
        setError(t("form.checkFields"));
      } else setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const templateList = (items: TemplateSummary[], legend: string) =>
    items.length ? (
      <fieldset className="group sg-pick">
        <legend>{legend}</legend>
        {items.map((x) => (
          <div className="check" key={x.key}>
            <input
              id={`${id}-${x.key}`}
              type="checkbox"
              checked={picked.includes(x.key)}
              onChange={(e) => setPicked((p) => (e.target.checked ? [...p, x.key] : p.filter((k) => k !== x.key)))}
            />
            <label htmlFor={`${id}-${x.key}`} dir="auto">
              {templateName(x)}
            </label>
          </div>
        ))}
      </fieldset>
    ) : null;

  return (
    <dialog ref={ref} className="ap-dialog sg-dialog" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${id}-title`}>{t("signing.send.title")}</h2>
        <fieldset className={`group${fieldError("documents") ? " field--invalid" : ""}`}>
          <legend>{t("signing.send.documents")}</legend>
          {templates.error ? <LoadError error={templates.error} retry={templates.reload} /> : null}
          {!templates.data && !templates.error ? <Loading /> : null}
          {templates.data && active.length === 0 ? <p className="empty">{t("signing.send.noTemplates")}</p> : null}
          {templateList(mine, t("signing.send.forProduct"))}
          {templateList(others, t("signing.send.others"))}
          {fieldError("documents") ? <p className="field__error">{fieldError("documents")}</p> : null}
        </fieldset>

        <fieldset className="group">
          <legend>{t("signing.send.signers")}</legend>
          <p className="field__hint">{t("signing.send.contactHint")}</p>
          {signers.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: signers have no id before they are sent; the position is theirs
            <fieldset key={i} className="group sg-signer" data-signer-index={i}>
              <legend>{t("signing.send.signerN", { n: i + 1 })}</legend>
              <div className="sg-grid">
                <SelectField
                  label={t("signing.signer.role")}
                  value={s.role}
                  error={fieldError(`signers.${i}.role`)}
                  onChange={(e) => setSigner(i, { role: e.target.value as SignerRole })}
                >
                  {(["applicant", "co_applicant", "guarantor"] as const).map((r) => (
                    <option key={r} value={r} disabled={r === "applicant" && signers.some((o, n) => n !== i && o.role === "applicant")}>
                      {t(`signing.roles.${r}`)}
                    </option>
                  ))}
                </SelectField>
                <TextField label={t("signing.signer.name")} value={s.name} maxLength={200} dir="auto" error={fieldError(`signers.${i}.name`)} onChange={(e) => setSigner(i, { name: e.target.value })} />
                <TextField label={t("signing.send.email")} type="email" dir="ltr" value={s.email} error={fieldError(`signers.${i}.email`)} onChange={(e) => setSigner(i, { email: e.target.value })} />
                <TextField label={t("signing.send.phone")} type="tel" dir="ltr" value={s.phone} error={fieldError(`signers.${i}.phone`)} onChange={(e) => setSigner(i, { phone: e.target.value })} />
                <SelectField label={t("signing.send.language")} value={s.language} error={fieldError(`signers.${i}.language`)} onChange={(e) => setSigner(i, { language: e.target.value as SigningLanguage })}>
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {languageName(t, l)}
                    </option>
                  ))}
                </SelectField>
              </div>
              {fieldError(`signers.${i}`) ? <p className="field__error">{fieldError(`signers.${i}`)}</p> : null}
              {i > 0 ? (
                <button type="button" className="button button--small button--secondary" onClick={() => setSigners((list) => list.filter((_, n) => n !== i))}>
                  {t("signing.send.removeSigner", { n: i + 1 })}
                </button>
              ) : null}
            </fieldset>
          ))}
          {fieldError("signers") ? <p className="field__error">{fieldError("signers")}</p> : null}
          {signers.length < MAX_SIGNERS ? (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setSigners((list) => [...list, { role: "co_applicant", name: "", email: "", phone: "", language: asLanguage(app.language) }])}
            >
              {t("signing.send.addSigner")}
            </button>
          ) : null}
        </fieldset>

        <div className="sg-grid">
          <SelectField label={t("signing.send.routing")} value={routing} error={fieldError("routing")} onChange={(e) => setRouting(e.target.value as "parallel" | "sequential")}>
            <option value="sequential">{t("signing.routing.sequential")}</option>
            <option value="parallel">{t("signing.routing.parallel")}</option>
          </SelectField>
          <TextField label={t("signing.send.expiresInDays")} type="number" inputMode="numeric" dir="ltr" min={1} max={90} value={days} error={fieldError("expiresInDays")} onChange={(e) => setDays(Number(e.target.value))} />
        </div>
        <div className="check">
          <input id={`${id}-remind`} type="checkbox" checked={remind} onChange={(e) => setRemind(e.target.checked)} />
          <label htmlFor={`${id}-remind`}>{t("signing.send.reminders")}</label>
        </div>
        {remind ? (
          <TextField label={t("signing.send.remindEvery")} type="number" inputMode="numeric" dir="ltr" min={12} max={168} value={hours} error={fieldError("reminderEveryHours")} onChange={(e) => setHours(Number(e.target.value))} />
        ) : null}
        <ErrorMessage>{error}</ErrorMessage>
        <FormActions busy={busy} submit={t("signing.send.submit")} busyLabel={t("common.working")} onCancel={onClose} />
      </form>
    </dialog>
  );
}
