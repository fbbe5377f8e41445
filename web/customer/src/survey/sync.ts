/**
 * Saving answers in order, one request at a time. Answers wait in `pending` (the latest value per
 * key) and leave with the next operation: an autosave (debounced), a page submit, or the start of
 * the response (the first answer starts it). When the network is gone the operation stays at the
 * head of the queue with its answers put back, and `retry()` sends it again: nothing is lost.
 */
import { ApiError, api, type RespondResult, type StartBody } from "./api";

export interface Ref {
  id: string;
  token: string;
}

export interface SyncHooks {
  surveyId: string;
  ref(): Ref | null;
  /** Language, hidden fields and channel for the start of a response. */
  startBody(): StartBody;
  language(): string;
  /** Keys the logic currently shows (answers to others would be refused). */
  visible(key: string): boolean;
  started(r: RespondResult): void;
  result(r: RespondResult, submitted: string | undefined): void;
  failed(e: ApiError, submitted: string | undefined): void;
  status(s: "idle" | "saving" | "offline"): void;
}

interface Op {
  submit?: string;
  /** Submit: the page's answer keys (only these leave with it). */
  keys?: Set<string>;
  answers?: Record<string, unknown>;
  /** Start the response even without answers (an upload needs one). */
  start?: boolean;
  done?: (ref: Ref | null) => void;
}

export const DEBOUNCE_MS = 400;

export class Sync {
  private pending: Record<string, unknown> = {};
  private timings: Record<string, number> = {};
  private queue: Op[] = [];
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hooks: SyncHooks) {}

  /** Records an answer; saved after DEBOUNCE_MS of quiet (longer while typing). */
  answer(key: string, value: unknown, ms: number, typing = false): void {
    this.pending[key] = value;
    if (ms > 0) this.timings[key] = (this.timings[key] ?? 0) + ms;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), typing ? DEBOUNCE_MS * 2 : DEBOUNCE_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    if (Object.keys(this.pending).length === 0 || this.queue.some((op) => !op.submit && !op.start)) return void this.pump();
    this.queue.push({});
    void this.pump();
  }

  /** Submits a page with its answers; resolves after the server answered (or failed, see hooks). */
  submit(page: string, answers: Record<string, unknown>): void {
    clearTimeout(this.timer);
    this.queue.push({ submit: page, keys: new Set(Object.keys(answers)), answers });
    // Answers to other pages given meanwhile follow in their own save.
    void this.pump();
  }

  /** The response, started if needed. Null when it could not be started. */
  ensureStarted(): Promise<Ref | null> {
    const ref = this.hooks.ref();
    if (ref) return Promise.resolve(ref);
    return new Promise((resolve) => {
      this.queue.push({ start: true, done: resolve });
      void this.pump();
    });
  }

  retry(): void {
    void this.pump();
  }

  /** A page submit still waits in the queue (the page shown is ahead of the server). */
  get submitQueued(): boolean {
    return this.queue.some((op) => op.submit);
  }

  /** The tab is going away: send what is pending in a request that outlives the page. */
  leave(): void {
    const ref = this.hooks.ref();
    if (!ref || this.running || Object.keys(this.pending).length === 0) return;
    const answers = this.take();
    void api.save(ref.id, ref.token, { answers: answers.answers, timings: answers.timings, language: this.hooks.language() }, true).catch(() => {});
  }

  /** Removes and returns the pending answers (only `keys` when given) and their timings. */
  private take(keys?: Set<string>): { answers: Record<string, unknown>; timings: Record<string, number> } {
    const answers: Record<string, unknown> = {};
    const timings: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.pending)) {
      if (keys && !keys.has(k)) continue;
      delete this.pending[k];
      if (this.hooks.visible(k)) answers[k] = v;
    }
    for (const [k, v] of Object.entries(this.timings)) {
      if (keys && !keys.has(k)) continue;
      delete this.timings[k];
      if (this.hooks.visible(k)) timings[k] = Math.round(v);
    }
    return { answers, timings };
  }

  private putBack(answers: Record<string, unknown>, timings: Record<string, number>): void {
    this.pending = { ...answers, ...this.pending };
    for (const [k, v] of Object.entries(timings)) this.timings[k] = (this.timings[k] ?? 0) + v;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const op = this.queue[0] as Op;
        const taken = this.take(op.keys);
        const answers = { ...taken.answers, ...(op.answers ?? {}) };
        if (!op.submit && !op.start && Object.keys(answers).length === 0) {
          this.queue.shift();
          continue;
        }
        this.hooks.status("saving");
        try {
          let ref = this.hooks.ref();
          let result: RespondResult | null = null;
          const language = this.hooks.language();
          if (!ref) {
            result = await api.start(this.hooks.surveyId, { ...this.hooks.startBody(), answers, timings: taken.timings, language });
            this.hooks.started(result);
            ref = this.hooks.ref();
            if (ref && op.submit) result = await api.save(ref.id, ref.token, { submit: op.submit, language });
          } else if (op.submit || Object.keys(answers).length > 0) {
            result = await api.save(ref.id, ref.token, { answers, timings: taken.timings, submit: op.submit, language });
          }
          this.queue.shift();
          if (result) this.hooks.result(result, op.submit);
          op.done?.(ref);
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError(0, "offline");
          if (e.offline) {
            this.putBack(answers, taken.timings);
            this.hooks.status("offline");
            return;
          }
          this.queue.shift();
          op.done?.(null);
          this.hooks.failed(e, op.submit);
        }
      }
      this.hooks.status("idle");
    } finally {
      this.running = false;
    }
  }
}
