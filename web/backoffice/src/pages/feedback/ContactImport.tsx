import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { contacts } from "../../api/feedback";
import type { ContactImportResult } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { FormActions } from "../../ui/FormActions";
import { useForm } from "../../ui/form";
import { TableWrap } from "../../ui/TableWrap";
import { TextAreaField } from "../../ui/Field";

/** CSV import: a file or pasted text; good rows are kept, each bad row is reported with its line. */
export function ContactImport({ onCancel, onImported }: { onCancel(): void; onImported(): void }) {
  const { t } = useTranslation();
  const form = useForm(["csv"]);
  const [csv, setCsv] = useState("");
  const [result, setResult] = useState<ContactImportResult | null>(null);

  const submit = (e: FormEvent) =>
    form.submit(
      e,
      async () => {
        setResult(null);
        const r = await contacts.importCsv(csv);
        setResult(r);
        onImported();
      },
      { csv },
    );

  return (
    <section className="card" aria-labelledby="fb-import">
      <h2 id="fb-import">{t("feedback.import.title")}</h2>
      <p className="muted">{t("feedback.import.intro")}</p>
      <form ref={form.ref} onSubmit={(e) => void submit(e)} noValidate>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <div className="field">
          <label htmlFor="fb-import-file">{t("feedback.import.file")}</label>
          <input
            id="fb-import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setCsv);
            }}
          />
        </div>
        <TextAreaField
          label={t("feedback.import.text")}
          rows={6}
          dir="ltr"
          className="fb-mono"
          value={csv}
          placeholder="email,phone,name,locale,customer_id,lists"
          error={form.errors.fields.csv}
          onChange={(e) => setCsv(e.target.value)}
        />
        <FormActions busy={form.busy} submit={t("feedback.import.submit")} busyLabel={t("common.working")} onCancel={onCancel} />
      </form>
      {result ? (
        <>
          <StatusMessage tone={result.errors.length ? "info" : "success"}>
            {t("feedback.import.result", { created: result.created, updated: result.updated, failed: result.errors.length })}
          </StatusMessage>
          {result.errors.length > 0 ? (
            <TableWrap label={t("feedback.import.errors")}>
              <table className="fb-table">
                <thead>
                  <tr>
                    <th scope="col">{t("feedback.import.line")}</th>
                    <th scope="col">{t("feedback.import.column")}</th>
                    <th scope="col">{t("feedback.import.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.errors.map((p, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several problems; the report never reorders
                    <tr key={i} className="row--error">
                      <td className="fb-num">{p.row}</td>
                      <td>
                        <code dir="ltr">{p.column ?? "—"}</code>
                      </td>
                      <td dir="ltr">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
