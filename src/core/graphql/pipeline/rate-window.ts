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
    if (!this.fits(key, n)) return false;
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
    return true;
  }

  /** Whether n more units would fit now, counting nothing. */
  fits(key: string, n = 1): boolean {
    const window = Math.floor(this.now() / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    return (this.counts.get(key) ?? 0) + n <= this.limit;
  }
}
