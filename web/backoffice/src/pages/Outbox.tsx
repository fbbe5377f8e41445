import { useState } from "react";
import { useTranslation } from "react-i18next";
import { outbox } from "../api/endpoints";
import type { Channel } from "../api/types";
import { usePaged } from "../ui/data";
import { formatDateTime } from "../ui/format";
import { LoadError, LoadMore, PageHead } from "../ui/Page";

/** Emails and text messages as they were sent (or kept, in development), with their bodies. */
export function OutboxPage() {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<Channel | "">("");
  const list = usePaged((cursor) => outbox.list({ cursor, limit: 25, ...(channel ? { channel } : {}) }), [channel]);

  return (
    <>
      <PageHead title={t("outbox.title")} intro={t("outbox.intro")} />
      <fieldset className="filter">
        <legend>{t("outbox.channel")}</legend>
        <div className="segmented">
          {(["", "email", "sms"] as const).map((c) => (
            <label key={c || "all"} className={channel === c ? "segmented__item segmented__item--on" : "segmented__item"}>
              <input type="radio" name="outbox-channel" value={c} checked={channel === c} onChange={() => setChannel(c)} />
              {c ? t(`outbox.channels.${c}`) : t("common.all")}
            </label>
          ))}
        </div>
      </fieldset>
      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {!list.loading && list.items.length === 0 ? <p className="empty">{t("outbox.none")}</p> : null}
      <ul className="messages">
        {list.items.map((m) => (
          <li key={m.id} className="card message">
            <div className="message__head">
              <span className="badge badge--muted">{t(`outbox.channels.${m.channel}`)}</span>
              <h2 className="message__subject">{m.subject ?? t("outbox.noSubject")}</h2>
            </div>
            <dl className="facts facts--compact">
              <div>
                <dt>{t("outbox.to")}</dt>
                <dd dir="ltr">{m.recipient}</dd>
              </div>
              <div>
                <dt>{t("outbox.created")}</dt>
                <dd>{formatDateTime(m.createdAt)}</dd>
              </div>
              <div>
                <dt>{t("common.status")}</dt>
                <dd>
                  {t(`outbox.status.${m.status}`, { defaultValue: m.status })}
                  {m.sentAt ? ` · ${formatDateTime(m.sentAt)}` : ""}
                </dd>
              </div>
              {m.template ? (
                <div>
                  <dt>{t("outbox.template")}</dt>
                  <dd dir="ltr">
                    {m.template}
                    {m.locale ? ` (${m.locale})` : ""}
                  </dd>
                </div>
              ) : null}
            </dl>
            {m.error ? <p className="error-text">{m.error}</p> : null}
            <pre className="message__body" dir="auto">
              {m.bodyText}
            </pre>
            {m.bodyHtml ? (
              <details>
                <summary>{t("outbox.htmlSource")}</summary>
                <pre dir="ltr">{m.bodyHtml}</pre>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
