/**
 * Prints where a run's time went: the slowest test files, and for all files the time
 * inside tests against the time outside them (module loading, app set-up in beforeAll,
 * teardown). CI's budget (issue 14) is spent mostly outside tests, so this is what to
 * read when a run gets slower. Off unless JEST_TIMINGS is set (CI sets it).
 */
class TimingReporter {
  constructor() {
    this.files = [];
  }

  onTestResult(_test, result) {
    const total = result.perfStats.end - result.perfStats.start;
    const inTests = result.testResults.reduce((sum, t) => sum + (t.duration ?? 0), 0);
    this.files.push({ path: result.testFilePath, total, inTests });
  }

  onRunComplete() {
    if (!process.env.JEST_TIMINGS || this.files.length === 0) return;
    const root = `${process.cwd()}/`;
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    const sum = (key) => this.files.reduce((acc, f) => acc + f[key], 0);
    const slowest = [...this.files].sort((a, b) => b.total - a.total).slice(0, 15);
    const lines = slowest.map(
      (f) => `  ${s(f.total).padStart(8)}  (in tests ${s(f.inTests).padStart(7)})  ${f.path.replace(root, '')}`,
    );
    process.stderr.write(
      [
        '',
        `Timings: ${this.files.length} files, ${s(sum('total'))} of worker time, ` +
          `${s(sum('inTests'))} inside tests, ${s(sum('total') - sum('inTests'))} outside them`,
        'Slowest files:',
        ...lines,
        '',
      ].join('\n'),
    );
  }
}

module.exports = TimingReporter;
