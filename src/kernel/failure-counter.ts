/**
 * Counts failures per key (an IP address) in a sliding window, in this process. Used to slow
 * password spraying and API-key guessing before they cost a database lookup.
 */
export class FailureCounter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string | null, nowMs: number): boolean {
    if (!key) return false;
    const recent = (this.hits.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (recent.length) this.hits.set(key, recent);
    else this.hits.delete(key);
    return recent.length >= this.max;
  }

  note(key: string | null, nowMs: number): void {
    if (!key) return;
    if (this.hits.size > 100_000) this.hits.clear();
    const list = this.hits.get(key) ?? [];
    list.push(nowMs);
    this.hits.set(key, list);
  }
}
