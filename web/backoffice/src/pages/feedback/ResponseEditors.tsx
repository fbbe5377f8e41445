import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { responses } from "../../api/feedback";
import type { ResponseDetail, ResponseNote } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { TextAreaField, TextField } from "../../ui/Field";
import { formatDateTime } from "../../ui/format";
import { useForm } from "../../ui/form";

const MAX_TAGS = 20;
const MAX_TAG = 40;
const MAX_NOTE = 4000;

/** The response's tags; with responses:manage, add and remove (each change saved at once). */
export function TagsEditor({ r, editable, onSaved }: { r: ResponseDetail; editable: boolean; onSaved(next: ResponseDetail): void }) {
  const { t } = useTranslation();
  const [tag, setTag] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm(["tags"]);

  const save = (tags: string[], message: string) =>
    form.submit(null, async () => {
      setNotice(null);
      onSaved(await responses.setTags(r.id, tags));
      setNotice(message);
    });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const value = tag.trim();
    if (!value) return form.setFieldError("tags", t("fieldErrors.required"));
    if (value.length > MAX_TAG) return form.setFieldError("tags", t("fieldErrors.tooLong", { maximum: MAX_TAG }));
    if (r.tags.includes(value)) return setTag("");
    if (r.tags.length >= MAX_TAGS) return form.setFieldError("tags", t("feedback.tags.tooMany", { max: MAX_TAGS }));
    if (await save([...r.tags, value], t("feedback.tags.added", { tag: value }))) setTag("");
  };

  return (
    <section className="card" aria-labelledby="fb-tags">
      <h2 id="fb-tags">{t("feedback.tags.title")}</h2>
      {r.tags.length === 0 ? <p className="muted">{t("feedback.tags.none")}</p> : null}
      <ul className="fb-tags">
        {r.tags.map((x) => (
          <li key={x} className="fb-tag">
            <span dir="auto">{x}</span>
            {editable ? (
              <button
                type="button"
                className="fb-tag__remove"
                disabled={form.busy}
                aria-label={t("feedback.tags.remove", { tag: x })}
                onClick={() => void save(r.tags.filter((y) => y !== x), t("feedback.tags.removed", { tag: x }))}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <StatusMessage>{notice}</StatusMessage>
      {editable ? (
        <form ref={form.ref} className="toolbar" onSubmit={(e) => void add(e)} noValidate>
          <ErrorMessage>{form.errors.message}</ErrorMessage>
          <TextField label={t("feedback.tags.new")} value={tag} maxLength={MAX_TAG} onChange={(e) => setTag(e.target.value)} error={form.errors.fields.tags} />
          <div className="fb-toolbar__button">
            <button type="submit" className="button" disabled={form.busy}>
              {t("feedback.tags.add")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** Notes by the team, oldest first; with responses:manage, add one. */
export function Notes({ r, editable, onAdded }: { r: ResponseDetail; editable: boolean; onAdded(note: ResponseNote): void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm(["body"]);

  const submit = (e: FormEvent) =>
    form.submit(
      e,
      async () => {
        setNotice(null);
        onAdded(await responses.addNote(r.id, body.trim()));
        setBody("");
        setNotice(t("feedback.notes.added"));
      },
      { body },
    );

  return (
    <section className="card" aria-labelledby="fb-notes">
      <h2 id="fb-notes">{t("feedback.notes.title")}</h2>
      {r.notes.length === 0 ? <p className="muted">{t("feedback.notes.none")}</p> : null}
      <ol className="fb-notes">
        {r.notes.map((n) => (
          <li key={n.id} className="fb-note">
            <p className="fb-note__meta">
              <span className="strong">{n.authorName ?? t("feedback.notes.unknownAuthor")}</span> · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
            </p>
            <p className="fb-note__body" dir="auto">
              {n.body}
            </p>
          </li>
        ))}
      </ol>
      <StatusMessage>{notice}</StatusMessage>
      {editable ? (
        <form ref={form.ref} onSubmit={(e) => void submit(e)} noValidate>
          <ErrorMessage>{form.errors.message}</ErrorMessage>
          <TextAreaField
            label={t("feedback.notes.new")}
            rows={3}
            maxLength={MAX_NOTE}
            value={body}
            dir="auto"
            error={form.errors.fields.body}
            onChange={(e) => setBody(e.target.value)}
          />
          <button type="submit" className="button" disabled={form.busy}>
            {t("feedback.notes.add")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
