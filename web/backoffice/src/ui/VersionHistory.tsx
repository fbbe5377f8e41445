import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useResource } from "./data";
import { formatDateTime } from "./format";
import { LoadError, Loading } from "./Page";

interface Props<D extends { version: number }> {
  /** Translation namespace holding `versions.*` (title, none, version, live, view, viewing, readOnly). */
  ns: "surveys" | "flows";
  /** Changes when the subject or its published version changes, so the list reloads. */
  deps: unknown[];
  publishedVersion: number | null;
  list: () => Promise<{ version: number; publishedAt: string }[]>;
  load: (version: number) => Promise<D>;
  /** The opened version, read-only. */
  render: (detail: D) => ReactNode;
}

/** Published versions, newest first; each opens read-only (surveys and onboarding flows). */
export function VersionHistory<D extends { version: number }>({ ns, deps, publishedVersion, list: fetchList, load, render }: Props<D>) {
  const { t } = useTranslation();
  const list = useResource(fetchList, deps);
  const [open, setOpen] = useState<D | null>(null);
  const [error, setError] = useState<unknown>(null);
  const versions = [...(list.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <section className="card" aria-labelledby={`${ns}-versions-title`}>
      <h2 id={`${ns}-versions-title`}>{t(`${ns}.versions.title`)}</h2>
      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && versions.length === 0 ? <p className="muted">{t(`${ns}.versions.none`)}</p> : null}
      <ul className="versions">
        {versions.map((v) => (
          <li key={v.version}>
            <span className="strong">{t(`${ns}.versions.version`, { n: v.version })}</span> <span className="muted">{formatDateTime(v.publishedAt)}</span>{" "}
            {v.version === publishedVersion ? <span className="badge badge--ok">{t(`${ns}.versions.live`)}</span> : null}{" "}
            <button
              type="button"
              className="button button--small button--secondary"
              aria-pressed={open?.version === v.version}
              onClick={() => {
                setError(null);
                load(v.version).then(setOpen, setError);
              }}
            >
              {t(`${ns}.versions.view`, { n: v.version })}
            </button>
          </li>
        ))}
      </ul>
      {error ? <LoadError error={error} /> : null}
      {open ? (
        <div className="versions__view">
          <h3>{t(`${ns}.versions.viewing`, { n: open.version })}</h3>
          <p className="muted">{t(`${ns}.versions.readOnly`)}</p>
          {render(open)}
        </div>
      ) : null}
    </section>
  );
}
