import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { PRODUCTS } from "../../../../../src/modules/onboarding/flow/types";
import { ApiError, fieldName } from "../../api/client";
import { saveBlob, signing } from "../../api/signing";
import type { TemplateSummary } from "../../api/types";
import { Link, navigate } from "../../router";
import { useCan } from "../../session";
import { ErrorMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { fieldMessage, problemMessage } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/Field";
import { formatDateTime } from "../../ui/format";
import { Loading, LoadError, PageHead } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { fileName, LANGUAGES, languageName, productName, TEMPLATE_TONE, templateName } from "./shared";
import "./signing.css";

const MAX_BYTES = 10 * 1024 * 1024;

export const editorPath = (key: string) => `/documents/templates/edit?key=${encodeURIComponent(key)}`;

/** /documents/templates: the built-in agreements and the bank's uploaded PDFs, their previews, and uploading one. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const res = useResource(() => signing.templates(), []);
  const [error, setError] = useState<string | null>(null);
  const preview = async (x: TemplateSummary, language: string) => {
    setError(null);
    try {
      saveBlob(await signing.preview(x.key, language), fileName(`${templateName(x)}-${language}`, "-preview.pdf"));
    } catch (err) {
      setError(problemMessage(t, err));
    }
  };
  const label = t("signing.templates.list");
  return (
    <>
      <PageHead title={t("signing.templates.title")} intro={t("signing.templates.intro")} />
      {can("signing:templates") ? <UploadForm /> : null}
      <section className="section" aria-labelledby="sg-templates">
        <h2 id="sg-templates">{label}</h2>
        <ErrorMessage>{error}</ErrorMessage>
        {res.error ? <LoadError error={res.error} retry={res.reload} /> : null}
        {!res.data && !res.error ? <Loading /> : null}
        {res.data && res.data.items.length === 0 ? <p className="empty">{t("signing.templates.none")}</p> : null}
        {res.data && res.data.items.length > 0 ? (
          <TableWrap label={label} className="table-wrap--stack">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("signing.templates.name")}</th>
                  <th scope="col">{t("signing.templates.products")}</th>
                  <th scope="col">{t("signing.templates.status")}</th>
                  <th scope="col">{t("signing.templates.version")}</th>
                  <th scope="col">{t("signing.templates.fields")}</th>
                  <th scope="col">{t("signing.templates.preview")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {res.data.items.map((x) => (
                  <tr key={x.key} data-template={x.key}>
                    <th scope="row" className="cell--head">
                      <span dir="auto">{templateName(x)}</span>
                      <br />
                      <span className="muted">
                        {t(`signing.templates.${x.source}`)}
                        {x.updatedAt ? ` · ${formatDateTime(x.updatedAt)}` : ""}
                      </span>
                    </th>
                    <LabelledCell label={t("signing.templates.products")}>
                      {x.products.length ? x.products.map((p) => productName(t, p)).join(", ") : t("signing.templates.allProducts")}
                    </LabelledCell>
                    <LabelledCell label={t("signing.templates.status")}>
                      <span className={`badge badge--${TEMPLATE_TONE[x.status]}`}>{t(`signing.templateStatus.${x.status}`)}</span>
                    </LabelledCell>
                    <LabelledCell label={t("signing.templates.version")}>{x.version}</LabelledCell>
                    <LabelledCell label={t("signing.templates.fields")}>{x.fieldCount}</LabelledCell>
                    <LabelledCell label={t("signing.templates.preview")}>
                      <span className="sg-previews">
                        {x.languages.map((l) => (
                          <button key={l} type="button" className="button button--link" onClick={() => void preview(x, l)}>
                            {languageName(t, l)}
                            <span className="visually-hidden"> — {templateName(x)}</span>
                          </button>
                        ))}
                      </span>
                    </LabelledCell>
                    <LabelledCell label={t("common.actions")}>
                      {x.source === "upload" && can("signing:templates") ? (
                        <Link className="button button--small button--secondary" to={editorPath(x.key)}>
                          {t("signing.templates.edit")}
                          <span className="visually-hidden"> — {templateName(x)}</span>
                        </Link>
                      ) : (
                        "—"
                      )}
                    </LabelledCell>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </section>
    </>
  );
}

/** Upload a PDF (name, language, product): it becomes a draft and the field placer opens. */
function UploadForm() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [language, setLanguage] = useState("en");
  const [product, setProduct] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setProblems({});
    if (!file) return setProblems({ body: t("signing.templates.pickFile") });
    if (file.size > MAX_BYTES) return setProblems({ body: t("signing.templates.tooBig") });
    if (!name.trim()) return setProblems({ name: t("fieldErrors.required") });
    setBusy(true);
    try {
      const created = await signing.upload(file, { name: name.trim(), language, product: product || null });
      navigate(editorPath(created.key));
    } catch (err) {
      if (err instanceof ApiError && err.fieldProblems.length) {
        const next: Record<string, string> = {};
        for (const p of err.fieldProblems) next[fieldName(p.path)] ??= fieldMessage(t, p);
        setProblems(next);
      }
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card sg-upload" aria-labelledby="sg-upload">
      <h2 id="sg-upload">{t("signing.templates.uploadTitle")}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t("signing.templates.file")}
          hint={t("signing.templates.fileHint")}
          type="file"
          accept="application/pdf,.pdf"
          error={problems.body}
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            if (f && !name) setName(f.name.replace(/\.pdf$/i, ""));
          }}
        />
        <div className="sg-grid">
          <TextField label={t("signing.templates.uploadName")} value={name} maxLength={200} dir="auto" error={problems.name} onChange={(e) => setName(e.target.value)} />
          <SelectField label={t("signing.templates.uploadLanguage")} value={language} error={problems.language} onChange={(e) => setLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageName(t, l)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("signing.templates.uploadProduct")} value={product} error={problems.product} onChange={(e) => setProduct(e.target.value)}>
            <option value="">{t("signing.templates.noProduct")}</option>
            {PRODUCTS.map((p) => (
              <option key={p} value={p}>
                {productName(t, p)}
              </option>
            ))}
          </SelectField>
        </div>
        <ErrorMessage>{error}</ErrorMessage>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("common.working") : t("signing.templates.uploadSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}
