import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { flows } from "../../api/flows";
import type { Flow, FlowProblem } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { formatDateTime } from "../../ui/format";
import { definitionPath } from "./Problems";
import type { useFlowSaver } from "./useFlowSaver";

type Saver = ReturnType<typeof useFlowSaver>;

/** Active or not, the live version, and the autosave state said politely as it changes. */
export function SaveStatus({ flow, saver, writable }: { flow: Flow; saver: Saver; writable: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="save-status">
      <span className={`badge ${flow.active ? "badge--ok" : "badge--muted"}`}>{flow.active ? t("flows.list.active") : t("flows.list.inactive")}</span>{" "}
      {flow.publishedVersion ? <span>{t("flows.editor.liveVersion", { n: flow.publishedVersion })} </span> : null}
      {flow.draftChanged ? <span className="badge badge--warn">{t("flows.list.unpublished")}</span> : null}{" "}
      {writable ? (
        <span role="status" className={`save-status__state save-status__state--${saver.state}`}>
          {saver.state === "saved" ? t("flows.save.saved", { time: formatDateTime(flow.updatedAt) }) : t(`flows.save.${saver.state}`)}
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

interface Props {
  flow: Flow;
  saver: Saver;
  /** Errors in the latest saved draft: publishing waits until there are none. */
  errors: number;
  onChanged(flow: Flow, replaced: boolean): void;
  onProblems(problems: FlowProblem[]): void;
}

/** Publish (a new immutable version) and Discard changes (back to the published version). */
export function FlowActions({ flow, saver, errors, onChanged, onProblems }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<((t: TFunction) => string) | null>(null);
  const [error, setError] = useState<((t: TFunction) => string) | null>(null);
  const fail = (say: (t: TFunction) => string) => setError(() => say);

  const publish = async () => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      if (!(await saver.flush())) return fail((t) => t("flows.save.mustSave"));
      const done = await flows.publish(flow.product);
      onChanged(await flows.get(flow.product), false);
      onProblems([]);
      setNotice(() => (t: TFunction) => t("flows.editor.published", { n: done.version }));
    } catch (err) {
      if (err instanceof ApiError && err.code === "flow_invalid") {
        fail((t) => t("flows.editor.publishRefused"));
        onProblems(err.fieldProblems.map((p) => ({ path: definitionPath(p.path), code: p.code ?? "invalid", message: p.message, severity: "error" })));
      } else fail((t) => problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (!window.confirm(t("flows.editor.discardConfirm"))) return;
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      await saver.flush();
      saver.reset();
      onChanged(await flows.discard(flow.product), true);
      onProblems([]);
      setNotice(() => (t: TFunction) => t("flows.editor.discarded"));
    } catch (err) {
      fail((t) => problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const blocked = errors > 0;
  return (
    <>
      <StatusMessage>{notice?.(t)}</StatusMessage>
      <ErrorMessage>{error?.(t)}</ErrorMessage>
      <div className="actions designer__actions">
        <button type="button" className="button" disabled={busy || blocked || (!flow.draftChanged && flow.publishedVersion !== null)} aria-describedby={blocked ? "flow-publish-blocked" : undefined} onClick={() => void publish()}>
          {flow.publishedVersion ? t("flows.editor.publishNew") : t("flows.editor.publish")}
        </button>
        <button type="button" className="button button--secondary" disabled={busy || !flow.draftChanged || !flow.publishedVersion} onClick={() => void discard()}>
          {t("flows.editor.discard")}
        </button>
        {blocked ? (
          <span id="flow-publish-blocked" className="muted">
            {t("flows.editor.fixFirst", { n: errors })}
          </span>
        ) : null}
      </div>
    </>
  );
}
