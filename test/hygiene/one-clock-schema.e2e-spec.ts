import { createTestApp, TestApp } from '../support/test-app';

/** The schema reads the application's clock too: defaults, views and functions. */
describe('the schema has one clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('no column default, view or function uses the database clock except app_now()', async () => {
    const { rows } = await t.db.query(
      `SELECT 'default ' || table_name || '.' || column_name AS what FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_default ~* '(^|[^_])(now\\(\\)|clock_timestamp\\(\\)|statement_timestamp\\(\\)|current_date|current_timestamp)'
       UNION ALL
       SELECT 'view ' || viewname FROM pg_views
        WHERE schemaname = current_schema() AND definition ~* '(^|[^_])(now\\(\\)|clock_timestamp\\(\\)|statement_timestamp\\(\\)|current_date|current_timestamp)'
       UNION ALL
       SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.proname NOT IN ('app_now', 'app_clock_timestamp')
          AND p.prosrc ~* '(^|[^_])(now\\(\\)|clock_timestamp\\(\\)|statement_timestamp\\(\\)|current_date|current_timestamp)'`,
    );
    expect(rows.map((r) => r.what)).toEqual([]);
    const { rows: defaults } = await t.db.query(
      `SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_default = 'app_now()'`,
    );
    expect(defaults[0].n).toBeGreaterThan(20);
  });

  it("pins the database's today with the application's clock", async () => {
    const pinned = await createTestApp({ APP_NOW: '2027-12-31T23:30:00+01:00' });
    try {
      const { rows } = await pinned.db.query(`SELECT app_today()::text AS today`);
      expect(rows[0].today).toBe('2027-12-31');
      const [viaApp] = await pinned.ds.query(`SELECT app_today()::text AS today`);
      expect(viaApp.today).toBe('2027-12-31');
      expect(pinned.config.clock.today()).toBe('2027-12-31');
    } finally {
      await pinned.close();
    }
  });
});
