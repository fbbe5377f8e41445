import { useCallback, useEffect, useRef, useState } from "react";

export type SaveState = "saved" | "pending" | "saving" | "failed";
const DELAY_MS = 800;

/**
 * Autosave of an edited value (a survey or flow draft) once typing pauses: one request at a time,
 * the newest value always last. A failure keeps the local value and says so; `flush` saves now
 * (before publishing) and tells whether the server has the latest value; `reset` forgets what is
 * waiting (after the draft was replaced). Leaving the page with unsaved changes asks first, and
 * navigating away inside the app sends what is still waiting instead of dropping it.
 * `save` must be stable for a given subject (wrap it in useCallback keyed by the subject's id).
 */
export function useAutosave<T, R>(save: (value: T) => Promise<R>, onSaved: (result: R) => void) {
  const [state, setState] = useState<SaveState>("saved");
  const [error, setError] = useState<unknown>(null);
  const latest = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const dirty = useRef(false);
  const saved = useRef(onSaved);
  saved.current = onSaved;

  const send = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    if (!dirty.current || !latest.current) return true;
    const sent = latest.current;
    dirty.current = false;
    setState("saving");
    const run = save(sent.value)
      .then((result) => {
        saved.current(result);
        setError(null);
        setState(dirty.current ? "pending" : "saved");
        return true;
      })
      .catch((err: unknown) => {
        // Keep the value marked unsaved so the next change or "Try again" sends it again.
        if (latest.current === sent) dirty.current = true;
        setError(err);
        setState("failed");
        return false;
      });
    inFlight.current = run;
    const ok = await run;
    inFlight.current = null;
    return ok;
  }, [save]);

  const schedule = useCallback(
    (value: T) => {
      latest.current = { value };
      dirty.current = true;
      setState((s) => (s === "failed" ? s : "pending"));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void send();
      }, DELAY_MS);
    },
    [send],
  );

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (inFlight.current) await inFlight.current;
    return dirty.current ? send() : true;
  }, [send]);

  const reset = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    dirty.current = false;
    latest.current = null;
    setError(null);
    setState("saved");
  }, []);

  useEffect(() => {
    if (state === "saved") return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [state]);

  useEffect(
    () => () => {
      if (!timer.current) return;
      clearTimeout(timer.current);
      timer.current = null;
      void send();
    },
    [send],
  );

  return { state, error, schedule, flush, reset, retry: send };
}
