import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import { type ApplicationDetail, type ApplicationLiveProgress, type ApplicationStatus, LIVE_STATUSES } from "../../api/types";
import { formatDateTime } from "../../ui/format";
import { minutesText, localText, ProgressBar, stepOf } from "./shared";

export const POLL_MS = 3000;

/**
 * The customer's progress, asked every 3 s while the page is visible and the customer may still be
 * working. Hidden tabs do not poll; the page coming back asks at once. Stops on unmount.
 */
export function useLiveProgress(id: string, status: ApplicationStatus): ApplicationLiveProgress | null {
  const [live, setLive] = useState<ApplicationLiveProgress | null>(null);
  useEffect(() => {
    setLive(null);
    if (!LIVE_STATUSES.includes(status)) return;
    let stopped = false;
    let inFlight = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let abort: AbortController | null = null;
    const schedule = () => {
      clearTimeout(timer);
      if (!stopped && document.visibilityState === "visible") timer = setTimeout(() => void tick(), POLL_MS);
    };
    const tick = async () => {
      if (stopped || inFlight || document.visibilityState !== "visible") return;
      inFlight = true;
      abort = new AbortController();
      try {
        const next = await applications.progress(id, abort.signal);
        if (!stopped) setLive(next);
      } catch {
        // a missed beat: the next one tries again
      } finally {
        inFlight = false;
        schedule();
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") void tick();
      else clearTimeout(timer);
    };
    void tick();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      abort?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [id, status]);
  return live;
}

/** Where the customer is now: online, step and field, minutes left; updated in place. */
export function LivePanel({ app, live }: { app: ApplicationDetail; live: ApplicationLiveProgress | null }) {
  const { t } = useTranslation();
  const polling = LIVE_STATUSES.includes(app.status);
  const current = live ?? { status: app.status, currentStep: app.currentStep, currentField: app.currentField, progress: app.progress, lastActivityAt: app.lastActivityAt, online: false };
  const step = app.steps.find((s) => s.id === current.currentStep);
  const field = app.fields.find((f) => f.id === current.currentField);
  const where = stepOf(t, current.progress);
  const minutes = current.progress.minutesLeft;
  return (
    <section className="card ap-live" aria-labelledby="ap-live-title" data-testid="live-progress">
      <div className="ap-section-head">
        <h2 id="ap-live-title">{t("applications.live.title")}</h2>
        {polling ? (
          live?.online ? (
            <span className="badge badge--ok ap-online" data-testid="online">
              {t("applications.live.online")}
            </span>
          ) : (
            <span className="badge badge--muted">{t("applications.live.offline")}</span>
          )
        ) : null}
      </div>
      <ProgressBar index={current.progress.index} total={current.progress.total} label={where} />
      <dl className="facts facts--compact" aria-live="polite">
        <div>
          <dt>{t("applications.live.step")}</dt>
          <dd data-testid="live-step">{step ? localText(step.title) || step.id : (current.currentStep ?? "—")}</dd>
        </div>
        <div>
          <dt>{t("applications.live.field")}</dt>
          <dd data-testid="live-field">{field ? localText(field.label) || field.id : (current.currentField ?? "—")}</dd>
        </div>
        <div>
          <dt>{t("applications.live.minutesLeft")}</dt>
          <dd>{minutes === undefined ? "—" : minutesText(minutes)}</dd>
        </div>
        <div>
          <dt>{t("applications.lastActivity")}</dt>
          <dd data-testid="live-activity">{formatDateTime(current.lastActivityAt)}</dd>
        </div>
      </dl>
      {polling ? <p className="muted ap-note">{t("applications.live.auto")}</p> : null}
    </section>
  );
}
