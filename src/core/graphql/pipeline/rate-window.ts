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

  /** Counts n units whether or not they fit: a cost already paid, which may go over the limit. */
  charge(key: string, n: number): void {
    this.roll();
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  /** Whether n more units would fit now, counting nothing. */
  fits(key: string, n = 1): boolean {
    this.roll();
    return (this.counts.get(key) ?? 0) + n <= this.limit;
  }

  private roll(): void {
    const window = Math.floor(this.now() / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
  }
}
