import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { surveys } from "../../api/surveys";
import type { Survey, SurveyAction } from "../../api/types";
import { navigate } from "../../router";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { formatDateTime } from "../../ui/format";
import { definitionPath, type ShownProblem } from "./Problems";
import type { useDraftSaver } from "./useDraftSaver";

type Saver = ReturnType<typeof useDraftSaver>;

/** Status, version and the autosave state, said politely to screen readers as it changes. */
export function SaveStatus({ survey, saver, writable }: { survey: Survey; saver: Saver; writable: boolean }) {
  const { t } = useTranslation();
  const badge = survey.status === "published" ? "badge--ok" : survey.status === "closed" ? "badge--muted" : "badge--warn";
  return (
    <span className="save-status">
      <span className={`badge ${badge}`}>{t(`surveys.status.${survey.status}`)}</span>{" "}
      {survey.publishedVersion ? <span>{t("surveys.editor.liveVersion", { n: survey.publishedVersion })} </span> : null}
      {survey.draftChanged && survey.publishedVersion ? <span className="muted">{t("surveys.editor.draftChanged")} </span> : null}
      {writable ? (
        <span role="status" className={`save-status__state save-status__state--${saver.state}`}>
          {saver.state === "saved" ? t("surveys.save.saved", { time: formatDateTime(survey.updatedAt) }) : t(`surveys.save.${saver.state}`)}
          {saver.state === "failed" ? (
            <>
              {" "}
              {problemMessage(t, saver.error)}{" "}
              <button type="button" className="button button--link" onClick={() => void saver.retry()}>
                {t("common.retry")}
              </button>
            </>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}

/** Publish, close, reopen and delete: only those the server offers and the user may take. */
export function SurveyActions({ survey, saver, onChanged, onProblems }: { survey: Survey; saver: Saver; onChanged(s: Survey): void; onProblems(p: ShownProblem[]): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  // Kept as what happened, not as text, so a language switch re-says it in the new language.
  const [notice, setNotice] = useState<((t: TFunction) => string) | null>(null);
  const [error, setError] = useState<((t: TFunction) => string) | null>(null);
  const fail = (say: (t: TFunction) => string) => setError(() => say);
  const offers = (action: SurveyAction) => survey.actions.includes(action);

  const run = async (action: () => Promise<unknown>, done: (t: TFunction, s: Survey) => string) => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      if (!(await saver.flush())) {
        fail((t) => t("surveys.save.mustSave"));
        return;
      }
      await action();
      const fresh = await surveys.get(survey.id);
      onChanged(fresh);
      onProblems([]);
      setNotice(() => (t: TFunction) => done(t, fresh));
    } catch (err) {
      if (err instanceof ApiError && err.code === "definition_invalid") {
        fail((t) => t("surveys.editor.publishRefused"));
        onProblems(err.fieldProblems.map((p) => ({ path: definitionPath(p.path), code: p.code ?? "invalid", message: p.message, severity: "error" })));
      } else fail((t) => problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const publish = offers("publish") && survey.status !== "closed";
  const close = offers("close") && survey.status === "published";
  const reopen = offers("reopen") && survey.status === "closed";
  const remove = offers("delete");
  return (
    <>
      <StatusMessage>{notice?.(t)}</StatusMessage>
      <ErrorMessage>{error?.(t)}</ErrorMessage>
      {publish || close || reopen || remove ? (
        <div className="actions designer__actions">
          {publish ? (
            <button type="button" className="button" disabled={busy} onClick={() => run(() => surveys.publish(survey.id), (t, s) => t("surveys.editor.published", { n: s.publishedVersion ?? "" }))}>
              {survey.publishedVersion ? t("surveys.editor.publishNew") : t("surveys.editor.publish")}
            </button>
          ) : null}
          {close ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => window.confirm(t("surveys.editor.closeConfirm")) && run(() => surveys.close(survey.id), (t) => t("surveys.editor.closed"))}>
              {t("surveys.editor.close")}
            </button>
          ) : null}
          {reopen ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => run(() => surveys.reopen(survey.id), (t) => t("surveys.editor.reopened"))}>
              {t("surveys.editor.reopen")}
            </button>
          ) : null}
          {remove ? (
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={async () => {
                if (!window.confirm(t("surveys.editor.deleteConfirm", { name: survey.name }))) return;
                setBusy(true);
                try {
                  await surveys.remove(survey.id);
                  navigate("/surveys");
                } catch (err) {
                  fail((t) => problemMessage(t, err));
                  setBusy(false);
                }
              }}
            >
              {t("surveys.editor.delete")}
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
