/**
 * Counts per key in fixed one-minute windows, in this process. `take` asks for n units
 * at once: either all fit and are counted, or none are (a request is refused whole).
 */
export class RateWindow {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string, n = 1): boolean {
    const window = Math.floor(this.now() / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const used = this.counts.get(key) ?? 0;
    if (used + n > this.limit) return false;
    this.counts.set(key, used + n);
    return true;
  }
}
