import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { signing } from "../../api/signing";
import type { SealVerification } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { problemMessage } from "../../ui/errors";
import { formatDateTime } from "../../ui/format";
import { PageHead } from "../../ui/Page";
import { useMe } from "../../session";

const MAX_BYTES = 10 * 1024 * 1024;

/** /documents/seal: put the bank's electronic seal on a letter or statement (PDF) and download it. */
export function SealPage() {
  const { t } = useTranslation();
  const me = useMe();
  const checkPage = `${window.location.origin}/c/${me.tenant.slug}/verify`;
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ url: string; name: string; check: SealVerification } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // The download link holds the sealed file in memory: release it when replaced or on leaving.
  useEffect(() => () => (result ? URL.revokeObjectURL(result.url) : undefined), [result]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) return setError(t("seal.pickFile"));
    if (file.size > MAX_BYTES) return setError(t("seal.tooBig"));
    setBusy(true);
    try {
      const sealed = await signing.seal(file);
      const check = await signing.verify(sealed);
      setResult({ url: URL.createObjectURL(sealed), name: file.name.replace(/\.pdf$/i, "") + "-sealed.pdf", check });
      setTimeout(() => resultRef.current?.focus(), 0);
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const check = result?.check;
  return (
    <>
      <PageHead title={t("seal.title")} intro={t("seal.intro")} />
      <section className="card" aria-labelledby="seal-form">
        <h2 id="seal-form">{t("seal.formTitle")}</h2>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="seal-file">{t("seal.file")}</label>
            <input
              id="seal-file"
              type="file"
              accept="application/pdf,.pdf"
              aria-describedby="seal-file-hint"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
              }}
            />
            <p className="field__hint" id="seal-file-hint">
              {t("seal.fileHint")}
            </p>
          </div>
          <ErrorMessage>{error}</ErrorMessage>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("common.working") : t("seal.submit")}
            </button>
          </div>
        </form>
      </section>
      {result && check ? (
        <section className="card" aria-labelledby="seal-done" ref={resultRef} tabIndex={-1}>
          <h2 id="seal-done">{t("seal.doneTitle")}</h2>
          <StatusMessage tone={check.testSeal ? "info" : "success"}>{check.testSeal ? t("seal.testSeal") : t("seal.done")}</StatusMessage>
          <dl className="facts">
            <div>
              <dt>{t("seal.signer")}</dt>
              <dd dir="ltr">{check.signer?.subject ?? "—"}</dd>
            </div>
            <div>
              <dt>{t("seal.issuer")}</dt>
              <dd dir="ltr">{check.signer?.issuer ?? "—"}</dd>
            </div>
            <div>
              <dt>{t("seal.at")}</dt>
              <dd>{formatDateTime(check.signedAt)}</dd>
            </div>
          </dl>
          <p className="actions">
            <a className="button" href={result.url} download={result.name}>
              {t("seal.download", { name: result.name })}
            </a>
          </p>
          <p className="muted">
            {t("seal.howToCheck")}{" "}
            <a href={checkPage} dir="ltr">
              {checkPage}
            </a>
          </p>
        </section>
      ) : null}
    </>
  );
}
