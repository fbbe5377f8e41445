import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { imports } from "../../api/imports";
import { sources } from "../../api/sources";
import type { EventSource } from "../../api/types";
import type { EventImport, ImportKind } from "../../api/types-imports";
import { useCan } from "../../session";
import { ErrorMessage } from "../../ui/Alert";
import { SelectField, TextField } from "../../ui/Field";
import { formatNumber } from "../../ui/format";
import { useForm } from "../../ui/form";

const KINDS: ImportKind[] = ["events", "contacts", "requests"];
const FIELDS = ["kind", "source", "body"];
const POLL_MS = 1_000;

/** A share 0..1 as a whole percent. */
const percent = (done: number, total: number) => (total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 100);

/** The bar of one stage (upload, then processing) with its text beside it, announced politely. */
export function Bar({ label, done, total, text }: { label: string; done: number; total: number; text: string }) {
  return (
    <div className="ap-progress" aria-live="polite">
      <progress max={Math.max(total, 1)} value={Math.min(done, Math.max(total, 1))} aria-label={label} />
      <span>{text}</span>
    </div>
  );
}

/** Choose a kind and a source, send a file, and follow it: the upload's bar, then the processing's (polled). */
export function UploadForm({ onChanged, onOpen }: { onChanged(): void; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [kind, setKind] = useState<ImportKind>("events");
  const [sourceId, setSourceId] = useState("");
  const [choices, setChoices] = useState<EventSource[]>([]);
  const [sent, setSent] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState<EventImport | null>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const form = useForm(FIELDS);

  // Only those who manage sources may list them; the others import into the bank's Imports source.
  const canChoose = can("sources:manage");
  useEffect(() => {
    if (!canChoose) return;
    sources
      .all()
      .then((all) => setChoices(all.filter((s) => s.kind === "import" && !s.disabledAt)))
      .catch(() => setChoices([]));
  }, [canChoose]);

  // Poll the import until it is done or failed.
  useEffect(() => {
    if (!running || running.status === "done" || running.status === "failed") return;
    const timer = window.setTimeout(() => {
      imports
        .get(running.id)
        .then((next) => {
          setRunning(next);
          if (next.status === "done" || next.status === "failed") onChanged();
        })
        .catch(() => setRunning({ ...running }));
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, onChanged]);

  const onSubmit = (e: React.FormEvent) =>
    form.submit(
      e,
      async () => {
        if (!chosen) return;
        setRunning(null);
      setSent({ done: 0, total: chosen.size });
        try {
          const { import: created } = await imports.upload({ kind, sourceId: sourceId || undefined, file: chosen }, (done, total) => setSent({ done, total }));
          setRunning(created);
          onChanged();
        } finally {
          setSent(null);
        }
      },
      { body: chosen ? chosen.name : "" },
    );

  const finished = running && (running.status === "done" || running.status === "failed");
  return (
    <section className="card" aria-labelledby="imports-upload-title">
      <h2 id="imports-upload-title">{t("imports.upload")}</h2>
      <form ref={form.ref} onSubmit={onSubmit} noValidate className="grid-form">
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <SelectField label={t("imports.kind")} hint={t(`imports.kindHint.${kind}`)} name="kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} error={form.errors.fields.kind}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`imports.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        {canChoose ? (
          <SelectField label={t("imports.source")} hint={t("imports.sourceHint")} name="source" value={sourceId} onChange={(e) => setSourceId(e.target.value)} error={form.errors.fields.source}>
            <option value="">{t("imports.defaultSource")}</option>
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField label={t("imports.file")} hint={t("imports.fileHint")} type="file" name="body" accept=".ndjson,.jsonl,.json,.csv,.gz,.txt" onChange={(e) => setChosen(e.target.files?.[0] ?? null)} error={form.errors.fields.body} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={form.busy || (running !== null && !finished)}>
            {form.busy ? t("common.working") : t("imports.submit")}
          </button>
        </div>
      </form>
      {sent ? <Bar label={t("imports.uploading")} done={sent.done} total={sent.total} text={t("imports.uploadingText", { percent: percent(sent.done, sent.total) })} /> : null}
      {running ? (
        <div className="section">
          <Bar
            label={t("imports.processing")}
            done={running.status === "done" ? running.bytesTotal : running.bytesDone}
            total={running.bytesTotal}
            text={t(`imports.progress.${running.status}`, { percent: percent(running.status === "done" ? 1 : running.bytesDone, running.status === "done" ? 1 : running.bytesTotal), rows: formatNumber(running.rowsTotal), ok: formatNumber(running.rowsOk), duplicates: formatNumber(running.rowsDuplicate), failed: formatNumber(running.rowsFailed) })}
          />
          {running.failure ? <p className="field__error">{running.failure}</p> : null}
          {finished ? (
            <button type="button" className="button button--small button--secondary" onClick={() => onOpen(running.id)}>
              {t("imports.openReport")}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
