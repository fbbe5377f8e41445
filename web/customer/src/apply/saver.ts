/**
 * Autosave: valid answers wait a moment (typing) and go out together in one PATCH with where the
 * customer is (`at`). One request at a time; offline, it retries. The server refuses a batch as a
 * whole when one value is wrong: the wrong ones are shown on their fields and the rest sent again.
 */
import { ApiError, api, type SaveBody } from "./api";
import { showWarnings } from "./fields";
import { m } from "./shell";
import { st } from "./state";

export interface SaverEvents {
  fieldError(fieldId: string, message: string): void;
  /** 401: the session ended; 409: the application moved on (submitted elsewhere, decided). */
  fatal(e: ApiError): void;
}

const DELAY = 700;

export class Saver {
  private pending: Record<string, unknown> = {};
  private at: { step: string; field?: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inflight: Promise<boolean> | null = null;
  language: string | null = null;

  constructor(private readonly events: SaverEvents) {}

  /** A valid value to save soon (`now`: a pick, not typing). */
  queue(fieldId: string, value: unknown, step: string, now = false): void {
    this.pending[fieldId] = value;
    this.at = { step, field: fieldId };
    this.schedule(now ? 50 : DELAY);
  }

  /** Where the customer is, without an answer (a step shown). */
  position(step: string, field?: string): void {
    this.at = field ? { step, field } : { step };
    this.schedule(50);
  }

  /** Drops a value not sent yet (the field went back to invalid). */
  drop(fieldId: string): void {
    delete this.pending[fieldId];
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private status(text: string): void {
    const el = document.getElementById("save-state");
    if (el) el.textContent = text;
  }

  /** Sends what waits; resolves true when everything is saved. */
  async flush(keepalive = false): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inflight) await this.inflight;
    const answers = this.pending;
    const body: SaveBody = {};
    if (Object.keys(answers).length > 0) body.answers = answers;
    if (this.at) body.at = this.at;
    if (this.language) body.language = this.language;
    if (!body.answers && !body.at && !body.language) return true;
    this.pending = {};
    this.at = null;
    this.language = null;
    if (body.answers) this.status(m().saving);
    this.inflight = this.send(body, keepalive);
    try {
      return await this.inflight;
    } finally {
      this.inflight = null;
    }
  }

  private async send(body: SaveBody, keepalive: boolean): Promise<boolean> {
    try {
      const out = await api.save(st.s, body, keepalive);
      if (body.answers) this.status(m().saved);
      if (out) showWarnings(out.saved, out.warnings ?? []);
      return true;
    } catch (err) {
      const e = err as ApiError;
      if (e.offline || e.status >= 500 || e.status === 429) {
        // Keep it (newer values win) and try again shortly.
        this.pending = { ...body.answers, ...this.pending };
        this.at = this.at ?? body.at ?? null;
        this.status(e.offline ? m().offline : m().notSaved);
        this.schedule(e.retryAfter ? e.retryAfter * 1000 : 4000);
        return false;
      }
      if (e.status === 400 && body.answers) {
        const wrong = new Set<string>();
        for (const item of e.errors) {
          const id = /^(?:body\.)?answers\.(.+)$/.exec(item.path)?.[1];
          if (!id) continue;
          wrong.add(id);
          this.events.fieldError(id, item.message ?? m().errServer);
        }
        this.status(m().notSaved);
        const rest = Object.fromEntries(Object.entries(body.answers).filter(([k]) => !wrong.has(k)));
        if (wrong.size > 0 && Object.keys(rest).length > 0) {
          this.pending = { ...rest, ...this.pending };
          return (await this.flush()) && false;
        }
        return false;
      }
      if (e instanceof ApiError && (e.status === 401 || e.status === 409 || e.status === 410)) this.events.fatal(e);
      else this.status(m().notSaved);
      return false;
    }
  }
}
