import { useState } from "react";
import { useTranslation } from "react-i18next";
import { sources } from "../../api/sources";
import type { EventSource, EventSourceWithKey } from "../../api/types";
import { ErrorMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { useForm } from "../../ui/form";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { SecretBox } from "../SecretBox";
import { SourceForm } from "./SourceForm";

/** Where the tracking API answers: the same origin as the back office. */
const trackUrl = () => `${window.location.origin}/v1/track`;

/** The key, once, with how to send a first event. */
function ShownKey({ shown, onDone }: { shown: { result: EventSourceWithKey; rotated: boolean }; onDone(): void }) {
  const { t } = useTranslation();
  const { source, writeKey } = shown.result;
  if (!writeKey) return null;
  return (
    <>
      <SecretBox
        title={t(shown.rotated ? "sources.rotatedTitle" : "sources.createdTitle", { name: source.name })}
        warning={t("sources.onceWarning")}
        label={t("sources.keyLabel")}
        secret={writeKey}
        onDone={onDone}
      />
      <section className="card section" aria-labelledby="sources-try">
        <h2 id="sources-try">{t("sources.tryTitle")}</h2>
        <p>{t("sources.tryIntro")}</p>
        <pre dir="ltr">
          <code>{`curl -u '${writeKey}:' -H 'content-type: application/json' \\\n  -d '{"event":"application.started","userId":"customer-1","properties":{"journeyId":"j-1"}}' \\\n  ${trackUrl()}`}</code>
        </pre>
      </section>
    </>
  );
}

/** /sources: the systems that send journey events, their write keys (shown once), rotation and switching off. */
export function SourcesPage() {
  const { t } = useTranslation();
  const all = useResource(() => sources.all(), []);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ result: EventSourceWithKey; rotated: boolean } | null>(null);
  const action = useForm();

  const rotate = (s: EventSource) => {
    if (!window.confirm(t("sources.rotateConfirm", { name: s.name }))) return;
    void action.submit(null, async () => {
      setShown({ result: await sources.rotate(s.id), rotated: true });
      all.reload();
    });
  };
  const toggle = (s: EventSource) => {
    if (!s.disabledAt && !window.confirm(t("sources.disableConfirm", { name: s.name }))) return;
    void action.submit(null, async () => {
      await (s.disabledAt ? sources.enable(s.id) : sources.disable(s.id));
      all.reload();
    });
  };

  return (
    <>
      <PageHead
        title={t("sources.title")}
        intro={t("sources.intro")}
        actions={
          creating || shown ? null : (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t("sources.create")}
            </button>
          )
        }
      />
      {shown ? <ShownKey shown={shown} onDone={() => setShown(null)} /> : null}
      {creating ? (
        <SourceForm
          onCancel={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            if (result.writeKey) setShown({ result, rotated: false });
            all.reload();
          }}
        />
      ) : null}
      <ErrorMessage>{action.errors.message}</ErrorMessage>
      {all.error ? <LoadError error={all.error} retry={all.reload} /> : null}
      {all.loading && !all.data ? <Loading /> : null}
      {all.data && !all.data.length ? <p className="muted">{t("sources.none")}</p> : null}
      {all.data?.length ? (
        <TableWrap label={t("sources.title")} className="table-wrap--stack">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("sources.name")}</th>
                <th scope="col">{t("sources.kind")}</th>
                <th scope="col">{t("sources.key")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("sources.created")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {all.data.map((s) => (
                <tr key={s.id}>
                  <td className="cell--head">
                    <span className="strong">{s.name}</span>
                  </td>
                  <LabelledCell label={t("sources.kind")}>{t(`sources.kinds.${s.kind}`)}</LabelledCell>
                  <LabelledCell label={t("sources.key")}>{s.keyHint ? <code dir="ltr">…{s.keyHint}</code> : <span className="muted">{t("sources.noKey")}</span>}</LabelledCell>
                  <LabelledCell label={t("common.status")}>
                    <span className={`badge ${s.disabledAt ? "badge--muted" : "badge--ok"}`}>{t(s.disabledAt ? "sources.disabled" : "sources.enabled")}</span>
                  </LabelledCell>
                  <LabelledCell label={t("sources.created")}>{formatDateTime(s.createdAt)}</LabelledCell>
                  <td className="cell--actions">
                    {s.kind === "http" ? (
                      <button type="button" className="button button--small button--secondary" disabled={action.busy} onClick={() => rotate(s)}>
                        {t("sources.rotate")}
                        <span className="visually-hidden"> {s.name}</span>
                      </button>
                    ) : null}{" "}
                    <button type="button" className={`button button--small ${s.disabledAt ? "button--secondary" : "button--danger"}`} disabled={action.busy} onClick={() => toggle(s)}>
                      {t(s.disabledAt ? "sources.enable" : "sources.disable")}
                      <span className="visually-hidden"> {s.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}
