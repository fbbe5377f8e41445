import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, fieldName } from "../../api/client";
import { signing } from "../../api/signing";
import type { FieldKind, PlacedField, SignerRole, Template, TemplateStatus } from "../../api/types";
import { Link, useLocation } from "../../router";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { problemMessage } from "../../ui/errors";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { FieldProperties } from "./FieldProperties";
import { boxAtClick, FIELD_KINDS, fieldProblems, nextFieldId, type PdfBox, SIGNER_ROLES, viewportSize } from "./fields";
import type { OpenPdf } from "./pdf";
import { PlacerPage } from "./PlacerPage";
import { signingText, TEMPLATE_TONE, templateName } from "./shared";
import "./signing.css";

/** Field problems by field index, then by property ("" for the field as a whole). */
type Problems = Record<number, Record<string, string>>;

/** Keeps the first problem of a field's property. */
function put(problems: Problems, index: number, prop: string, message: string): void {
  const at = problems[index] ?? {};
  at[prop] ??= message;
  problems[index] = at;
}

/** /documents/templates/edit?key=…: place signing fields on an uploaded PDF, save, activate or archive. */
export function TemplateEditorPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const key = query.get("key") ?? "";
  const res = useResource(() => signing.template(key), [key]);
  const head = <PageHead title={res.data ? t("signing.editor.title", { name: templateName(res.data) }) : t("signing.templates.title")} actions={<BackLink />} />;
  if (!res.data)
    return (
      <>
        {head}
        {res.error ? <LoadError error={res.error} retry={res.reload} /> : <Loading />}
      </>
    );
  if (res.data.source !== "upload")
    return (
      <>
        {head}
        <p>{t("signing.editor.builtinOnly")}</p>
      </>
    );
  return (
    <>
      {head}
      <Editor template={res.data} onSaved={res.set} />
    </>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/documents/templates" className="button button--secondary">
      {t("signing.editor.back")}
    </Link>
  );
}

function Editor({ template, onSaved }: { template: Template; onSaved(next: Template): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState<PlacedField[]>(template.fields);
  const [selected, setSelected] = useState<string | null>(null);
  const [kind, setKind] = useState<FieldKind>("signature");
  const [role, setRole] = useState<SignerRole>("applicant");
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [pdf, setPdf] = useState<OpenPdf | null>(null);
  const [pdfError, setPdfError] = useState<unknown>(null);
  const [width, setWidth] = useState(800);
  const pagesRef = useRef<HTMLDivElement>(null);

  // The original PDF, drawn with pdf.js (its own chunk, loaded here only).
  useEffect(() => {
    let live = true;
    let open: OpenPdf | null = null;
    (async () => {
      const [{ openPdf }, blob] = await Promise.all([import("./pdf"), signing.templatePdf(template.key)]);
      open = await openPdf(new Uint8Array(await blob.arrayBuffer()));
      if (live) setPdf(open);
      else void open.close();
    })().catch((err: unknown) => live && setPdfError(err));
    return () => {
      live = false;
      void open?.close();
    };
  }, [template.key]);

  // Pages fit the column's width (at most 1.5 px per point).
  useEffect(() => {
    const el = pagesRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  const change = useCallback((next: PlacedField[]) => {
    setFields(next);
    setDirty(true);
    setNotice(null);
  }, []);
  const update = (fid: string, patch: Partial<PlacedField> | PdfBox) => change(fields.map((f) => (f.id === fid ? { ...f, ...patch } : f)));
  const remove = (fid: string) => {
    change(fields.filter((f) => f.id !== fid));
    setSelected(null);
    pagesRef.current?.focus();
  };
  const add = (page: number, box: PdfBox) => {
    const f: PlacedField = { id: nextFieldId(kind, fields), kind, role, page, ...box, required: kind !== "checkbox" };
    change([...fields, f]);
    setSelected(f.id);
    setTimeout(() => document.querySelector<HTMLElement>(`[data-field="${f.id}"]`)?.focus(), 0);
  };
  /** `page` from 0, as fields store it. */
  const addToPage = (page: number) => {
    const info = pdf?.pages[page];
    if (!info) return;
    const size = viewportSize(info, info.rotation, 1);
    add(page, boxAtClick(kind, { x: size.width / 2, y: size.height / 2 }, info, info.rotation, 1));
  };

  const save = async (status?: TemplateStatus) => {
    setError(null);
    setNotice(null);
    const local = fieldProblems(fields, template.pages, status === "active");
    if (local.length) {
      const next: Problems = {};
      for (const p of local) if (p.index !== null) put(next, p.index, p.code === "duplicate" ? "id" : "", t(`signing.fieldErrors.${p.code}`));
      setProblems(next);
      const firstGlobal = local.find((p) => p.index === null);
      return setError(firstGlobal ? t(`signing.fieldErrors.${firstGlobal.code}`) : t("form.checkFields"));
    }
    setBusy(true);
    try {
      const saved = await signing.updateTemplate(template.key, status ? { fields, status } : { fields });
      setProblems({});
      setDirty(false);
      setFields(saved.fields);
      onSaved(saved);
      setNotice(status === "active" ? "signing.editor.activated" : status === "archived" ? "signing.editor.archived" : "signing.editor.saved");
    } catch (err) {
      if (err instanceof ApiError && err.fieldProblems.length) {
        const next: Problems = {};
        let global: string | null = null;
        for (const p of err.fieldProblems) {
          const m = /^fields\.(\d+)(?:\.(.+))?$/.exec(fieldName(p.path));
          const msg = t(`signing.fieldErrors.${p.code ?? "invalid"}`, { defaultValue: t("signing.fieldErrors.invalid") });
          if (m) put(next, Number(m[1]), m[2] ?? "", msg);
          else global ??= msg;
        }
        setProblems(next);
        setError(global ?? t("form.checkFields"));
      } else setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const index = fields.findIndex((f) => f.id === selected);
  const current = index >= 0 ? fields[index] : undefined;
  const invalid = new Set(Object.keys(problems).map((i) => fields[Number(i)]?.id ?? ""));
  const fieldLabel = (f: PlacedField) =>
    `${t("signing.editor.fieldButton", { kind: t(`signing.kinds.${f.kind}`), role: t(`signing.roles.${f.role}`), page: f.page + 1 })}${signingText(f.label) ? ` — ${signingText(f.label)}` : ""}`;
  const pageScale = (w: number) => Math.max(0.3, Math.min(1.5, (width - 4) / w));

  return (
    <>
      <p>
        <span className={`badge badge--${TEMPLATE_TONE[template.status]}`}>{t(`signing.templateStatus.${template.status}`)}</span>{" "}
        <span className="muted">
          v{template.version} · {t("signing.editor.count", { n: fields.length })}
        </span>
      </p>
      <StatusMessage>{notice ? t(notice) : null}</StatusMessage>
      <ErrorMessage>{error}</ErrorMessage>
      <div className="sg-editor">
        <section aria-labelledby={`${id}-pages`}>
          <h2 id={`${id}-pages`}>{t("signing.editor.pages")}</h2>
          <p className="field__hint" id={`${id}-help`}>
            {t("signing.editor.pageHelp")}
          </p>
          <div className="sg-pages" ref={pagesRef} tabIndex={-1} aria-describedby={`${id}-help`}>
            {pdfError ? <LoadError error={pdfError} /> : null}
            {!pdf && !pdfError ? <Loading /> : null}
            {pdf?.pages.map((info, i) => {
              const n = i + 1;
              const scale = pageScale(viewportSize(info, info.rotation, 1).width);
              return (
                <PlacerPage
                  key={n}
                  pdf={pdf}
                  n={n}
                  info={info}
                  kind={kind}
                  scale={scale}
                  fields={fields.filter((f) => f.page === info.n - 1)}
                  selected={selected}
                  invalid={invalid}
                  label={t("signing.editor.page", { n, count: pdf.pages.length })}
                  fieldLabel={fieldLabel}
                  onPlace={(box) => add(info.n - 1, box)}
                  onSelect={setSelected}
                  onChange={(fid, box) => update(fid, box)}
                  onRemove={remove}
                />
              );
            })}
          </div>
        </section>
        <div className="sg-side">
          <section className="card sg-palette" aria-labelledby={`${id}-palette`}>
            <h2 id={`${id}-palette`}>{t("signing.editor.palette")}</h2>
            <p className="field__hint">{t("signing.editor.paletteHint")}</p>
            <fieldset className="group">
              <legend>{t("signing.editor.kind")}</legend>
              <div className="sg-kinds">
                {FIELD_KINDS.map((k) => (
                  <label key={k} className="check">
                    <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`signing.kinds.${k}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-role`}>{t("signing.editor.role")}</label>
              <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as SignerRole)}>
                {SIGNER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`signing.roles.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <p className="muted">{t("signing.editor.placing", { kind: t(`signing.kinds.${kind}`), role: t(`signing.roles.${role}`) })}</p>
            <div className="actions">
              {pdf?.pages.map((info) => (
                <button key={info.n} type="button" className="button button--small button--secondary" onClick={() => addToPage(info.n - 1)}>
                  {t("signing.editor.addToPage", { n: info.n })}
                </button>
              ))}
            </div>
          </section>
          <section className="card" aria-labelledby={`${id}-props`}>
            <h2 id={`${id}-props`}>{t("signing.editor.properties")}</h2>
            {current ? (
              <FieldProperties
                field={current}
                errors={problems[index] ?? {}}
                onChange={(next) => {
                  change(fields.map((f) => (f.id === current.id ? next : f)));
                  if (next.id !== current.id) setSelected(next.id);
                }}
                onRemove={() => remove(current.id)}
              />
            ) : (
              <p className="empty">{t("signing.editor.noneSelected")}</p>
            )}
          </section>
          <section className="card" aria-label={t("common.actions")}>
            {dirty ? <p className="muted">{t("signing.editor.unsaved")}</p> : null}
            <div className="actions">
              <button type="button" className="button" disabled={busy} onClick={() => void save()}>
                {busy ? t("common.working") : t("signing.editor.save")}
              </button>
              {template.status !== "active" ? (
                <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save("active")}>
                  {t("signing.editor.activate")}
                </button>
              ) : null}
              {template.status !== "archived" ? (
                <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save("archived")}>
                  {t("signing.editor.archive")}
                </button>
              ) : (
                <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save("draft")}>
                  {t("signing.editor.toDraft")}
                </button>
              )}
            </div>
          </section>
        </div>
      </div>
    </>
  );
}
