import { useTranslation } from "react-i18next";
import type { ApplicationDetail, ApplicationDocument, ApplicationField, ApplicationFlowInfo } from "../../api/types";
import { currentLocale } from "../../i18n";
import { formatDateTime } from "../../ui/format";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { localText } from "./shared";

type T = (key: string, opts?: Record<string, unknown>) => string;

const STEP_TONE = { done: "ok", current: "warn", todo: "muted", hidden: "muted" } as const;

/** An answer as a reviewer reads it: yes/no, an address on one line, file names, amounts. */
export function answerText(t: T, field: ApplicationField, documents: ApplicationDocument[], flow?: ApplicationFlowInfo | null): string {
  const v = field.value;
  if (v === null || v === undefined || v === "") return "—";
  if (field.type === "select" && typeof v === "string") {
    const option = flowField(flow, field.id)?.options?.find((o) => o.id === v);
    return option ? localText(option.label, flow?.definition.defaultLanguage) || v : v;
  }
  if (typeof v === "boolean") return v ? t("applications.answers.yes") : t("applications.answers.no");
  if (Array.isArray(v)) {
    const names = v.map((id) => documents.find((d) => d.id === id)?.fileName ?? String(id));
    return names.length ? names.join(", ") : "—";
  }
  if (typeof v === "object") {
    const a = v as Record<string, unknown>;
    return [a.line1, a.line2, a.postcode, a.city, a.country].filter((x) => typeof x === "string" && x).join(", ");
  }
  if ((field.type === "money" || field.type === "income") && typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) {
    return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(v));
  }
  return String(v);
}

function flowField(flow: ApplicationFlowInfo | null | undefined, id: string) {
  for (const step of flow?.definition.steps ?? []) for (const f of step.fields) if (f.id === id) return f;
  return undefined;
}

/** The flow's steps with their states, and every answer grouped under its step. */
export function StepsAndAnswers({ app, flow }: { app: ApplicationDetail; flow?: ApplicationFlowInfo | null }) {
  const { t } = useTranslation();
  const lang = flow?.definition.defaultLanguage;
  const visible = app.steps.filter((s) => s.state !== "hidden");
  return (
    <section className="section" aria-labelledby="ap-answers">
      <h2 id="ap-answers">{t("applications.answers.title")}</h2>
      <ol className="ap-steps" aria-label={t("applications.steps.title")}>
        {visible.map((s) => (
          <li key={s.id} className={`ap-step ap-step--${s.state}`}>
            <span dir="auto">{localText(s.title, lang) || s.id}</span>{" "}
            <span className={`badge badge--${STEP_TONE[s.state]}`}>{t(`applications.steps.${s.state}`)}</span>
          </li>
        ))}
      </ol>
      {visible.map((s) => {
        const fields = app.fields.filter((f) => f.step === s.id);
        if (fields.length === 0) return null;
        const title = localText(s.title, lang) || s.id;
        return (
          <div key={s.id} className="ap-answer-group">
            <h3 dir="auto">{title}</h3>
            <TableWrap label={title} className="table-wrap--stack">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("applications.answers.question")}</th>
                    <th scope="col">{t("applications.answers.answer")}</th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f) => (
                    <tr key={f.id} data-field={f.id}>
                      <th scope="row" className="cell--head ap-q" dir="auto">
                        {localText(f.label, lang) || f.id}
                      </th>
                      <LabelledCell label={t("applications.answers.answer")}>
                        <span className="ap-answer" dir="auto">
                          {answerText(t, f, app.documents, flow)}
                        </span>
                      </LabelledCell>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </div>
        );
      })}
      {app.fields.length === 0 ? <p className="empty">{t("applications.answers.none")}</p> : null}
    </section>
  );
}

export function PaymentsSection({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  if (app.payments.length === 0) return null;
  return (
    <section className="section" aria-labelledby="ap-payments">
      <h2 id="ap-payments">{t("applications.payments.title")}</h2>
      <TableWrap label={t("applications.payments.title")} className="table-wrap--stack">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("applications.payments.when")}</th>
              <th scope="col">{t("applications.payments.purpose")}</th>
              <th scope="col">{t("applications.payments.amount")}</th>
              <th scope="col">{t("common.status")}</th>
              <th scope="col">{t("applications.payments.card")}</th>
              <th scope="col">{t("applications.payments.transaction")}</th>
            </tr>
          </thead>
          <tbody>
            {app.payments.map((p) => (
              <tr key={p.id}>
                <td className="cell--head">{formatDateTime(p.createdAt)}</td>
                <LabelledCell label={t("applications.payments.purpose")}>{t(`applications.payments.purposes.${p.purpose}`)}</LabelledCell>
                <LabelledCell label={t("applications.payments.amount")}>
                  {new Intl.NumberFormat(currentLocale(), { style: "currency", currency: p.currency }).format(Number(p.amount))}
                </LabelledCell>
                <LabelledCell label={t("common.status")}>
                  <span className={`badge badge--${p.status === "approved" ? "ok" : "error"}`}>{t(`applications.payments.status.${p.status}`)}</span>
                  {p.declineCode ? <span className="muted"> ({p.declineCode})</span> : null}
                </LabelledCell>
                <LabelledCell label={t("applications.payments.card")}>
                  <span dir="ltr">{p.cardLast4 ? `${p.cardBrand ?? ""} •••• ${p.cardLast4}` : "—"}</span>
                </LabelledCell>
                <LabelledCell label={t("applications.payments.transaction")}>
                  <span dir="ltr" className="ap-mono">
                    {p.transactionId ?? "—"}
                  </span>
                </LabelledCell>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** Who did what, newest first, with translated event types. */
export function TimelineSection({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const stepTitle = (id: string | null) => {
    const s = id ? app.steps.find((x) => x.id === id) : undefined;
    return s ? localText(s.title) || s.id : id;
  };
  const entries = [...app.timeline].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className="card" aria-labelledby="ap-timeline">
      <h2 id="ap-timeline">{t("applications.timeline.title")}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t("applications.timeline.none")}</p>
      ) : (
        <ol className="ap-timeline">
          {entries.map((e) => {
            const reason = typeof e.data.reason === "string" ? e.data.reason : null;
            return (
              <li key={e.id} data-type={e.type}>
                <time dateTime={e.at} className="muted">
                  {formatDateTime(e.at)}
                </time>{" "}
                <span className="strong">{t(`applications.events.${e.type}`, { defaultValue: e.type.replace(/_/g, " ") })}</span>
                {e.step ? <span dir="auto"> · {stepTitle(e.step)}</span> : null}
                <br />
                <span className="muted">
                  {t(`applications.actors.${e.actor}`)}
                  {e.actorLabel ? <span dir="auto">: {e.actorLabel}</span> : null}
                </span>
                {reason ? (
                  <span className="ap-timeline__note" dir="auto">
                    {" "}
                    — {reason}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
