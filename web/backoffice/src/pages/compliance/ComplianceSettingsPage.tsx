import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldName } from "../../api/client";
import { risk } from "../../api/risk";
import { type ComplianceSettingsInput, RETENTION_TYPES, type RetentionType, type ScreeningBands } from "../../api/types";
import { useCan } from "../../session";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { problemMessage } from "../../ui/errors";
import { TextField } from "../../ui/Field";
import { formatDateTime } from "../../ui/format";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { ApiError } from "../../api/client";
import "./risk.css";

const BANDS = ["block", "review", "edd"] as const;
type Form = { bands: Record<keyof ScreeningBands, string>; retention: Record<RetentionType, string> };

const toForm = (s: ComplianceSettingsInput): Form => ({
  bands: { block: String(s.bands.block), review: String(s.bands.review), edd: String(s.bands.edd) },
  retention: Object.fromEntries(RETENTION_TYPES.map((k) => [k, String(s.retention[k])])) as Form["retention"],
});
const n = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** The same checks as the server (bands ordered in (0, 1]; whole years 1–50, none above applications), as the officer types. */
function problemsOf(f: Form): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of BANDS) if (!(n(f.bands[k]) > 0 && n(f.bands[k]) <= 1)) out.set(`bands.${k}`, "band_range");
  if (out.size === 0 && !(n(f.bands.block) > n(f.bands.review) && n(f.bands.review) > n(f.bands.edd))) out.set("bands", "bands_order");
  for (const k of RETENTION_TYPES) {
    const v = n(f.retention[k]);
    if (!(Number.isInteger(v) && v >= 1 && v <= 50)) out.set(`retention.${k}`, "years_range");
    else if (k !== "applications" && v > n(f.retention.applications)) out.set(`retention.${k}`, "longer_than_applications");
  }
  return out;
}

/** /compliance/settings: screening bands and retention periods per record type. */
export function ComplianceSettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const editable = can("retention:manage");
  const settings = useResource(() => risk.settings(), []);
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setForm(toForm(settings.data));
  }, [settings.data]);

  const local = form ? problemsOf(form) : new Map<string, string>();
  const server = error instanceof ApiError ? new Map(error.fieldProblems.map((p) => [fieldName(p.path), p.code ?? "invalid_value"])) : new Map<string, string>();
  const errorAt = (path: string) => {
    const code = local.get(path) ?? server.get(path);
    return code ? t(`risk.settings.problems.${code}`, { defaultValue: t("risk.settings.problems.invalid_value"), years: form?.retention.applications }) : undefined;
  };
  const set = (group: "bands" | "retention", key: string, value: string) => {
    setSaved(false);
    setForm((f) => (f ? { ...f, [group]: { ...f[group], [key]: value } } : f));
  };
  const save = async () => {
    if (!form || local.size) return;
    setBusy(true);
    setError(null);
    try {
      const body: ComplianceSettingsInput = {
        bands: { block: n(form.bands.block), review: n(form.bands.review), edd: n(form.bands.edd) },
        retention: Object.fromEntries(RETENTION_TYPES.map((k) => [k, n(form.retention[k])])) as ComplianceSettingsInput["retention"],
      };
      settings.set(await risk.saveSettings(body));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHead title={t("risk.settings.title")} intro={t("risk.settings.intro")} />
      {settings.error ? <LoadError error={settings.error} retry={settings.reload} /> : null}
      {settings.loading && !settings.data ? <Loading /> : null}
      {form && settings.data ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <section className="card" aria-labelledby="settings-bands-title">
            <h2 id="settings-bands-title">{t("risk.settings.bands.title")}</h2>
            <p className="muted">{t("risk.settings.bands.intro")}</p>
            <div className="settings-grid">
              {BANDS.map((k) => (
                <TextField key={k} label={t(`risk.settings.bands.${k}`)} type="number" inputMode="decimal" step="0.01" min={0.01} max={1} value={form.bands[k]} readOnly={!editable} error={errorAt(`bands.${k}`)} onChange={(e) => set("bands", k, e.target.value)} />
              ))}
            </div>
            <ErrorMessage>{errorAt("bands")}</ErrorMessage>
          </section>
          <section className="card" aria-labelledby="settings-retention-title">
            <h2 id="settings-retention-title">{t("risk.settings.retention.title")}</h2>
            <p className="muted">{t("risk.settings.retention.intro")}</p>
            <div className="settings-grid">
              {RETENTION_TYPES.map((k) => (
                <TextField
                  key={k}
                  label={t(`risk.settings.retention.${k}`)}
                  hint={t("risk.settings.retention.years")}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={50}
                  value={form.retention[k]}
                  readOnly={!editable}
                  error={errorAt(`retention.${k}`)}
                  onChange={(e) => set("retention", k, e.target.value)}
                />
              ))}
            </div>
            <p className="muted">{t("risk.settings.retention.ended")}</p>
          </section>
          {settings.data.updatedAt ? <p className="muted">{t("risk.settings.updated", { at: formatDateTime(settings.data.updatedAt) })}</p> : null}
          {editable ? (
            <button type="submit" className="button" disabled={busy || local.size > 0}>
              {busy ? t("risk.save.saving") : t("risk.settings.save")}
            </button>
          ) : null}
          <ErrorMessage>{error ? problemMessage(t, error) : null}</ErrorMessage>
          <StatusMessage>{saved ? t("risk.settings.saved") : null}</StatusMessage>
        </form>
      ) : null}
    </>
  );
}
