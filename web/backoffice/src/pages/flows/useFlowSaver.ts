import { useCallback, useEffect, useRef, useState } from "react";
import { flows } from "../../api/flows";
import type { Flow, ProductId } from "../../api/types";
import type { Definition } from "./model";

export type SaveState = "saved" | "pending" | "saving" | "failed";
const DELAY_MS = 800;

/**
 * Autosave of the draft (PUT /flows/{product}/draft) once typing pauses: one request at a time,
 * the newest draft always last. A failure keeps the local draft and says so; `flush` saves now
 * (before publishing) and tells whether the server has the latest draft.
 */
export function useFlowSaver(product: ProductId, onSaved: (flow: Flow) => void) {
  const [state, setState] = useState<SaveState>("saved");
  const [error, setError] = useState<unknown>(null);
  const latest = useRef<Definition | null>(null);
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
    const run = flows
      .saveDraft(product, sent)
      .then((flow) => {
        saved.current(flow);
        setError(null);
        setState(dirty.current ? "pending" : "saved");
        return true;
      })
      .catch((err: unknown) => {
        if (latest.current === sent) dirty.current = true;
        setError(err);
        setState("failed");
        return false;
      });
    inFlight.current = run;
    const ok = await run;
    inFlight.current = null;
    return ok;
  }, [product]);

  const schedule = useCallback(
    (def: Definition) => {
      latest.current = def;
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

  /** Forgets what is waiting (after Discard replaced the draft with the published version). */
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
