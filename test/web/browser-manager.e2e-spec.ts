import { readFileSync } from 'node:fs';
import { BrowserHarness, expectText, startBrowserHarness, untranslated } from './browser-support';

/**
 * The manager's monthly figures in Chromium as manager@trelleborg.demo: small counts are
 * "<5", never numbers; no young person's name or personnummer anywhere in the page (DOM,
 * text, attributes) nor in the CSV; every chart has the table as its text alternative.
 */
jest.setTimeout(120_000);

describe("the manager's dashboard in a browser", () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());
  afterEach(() => expect(h.takeErrors()).toEqual([]));

  it('monthly figures with charts and a table; "<5" for small cells; no name or personnummer in the page or the CSV', async () => {
    const page = await h.signIn('manager@trelleborg.demo');
    await page.getByRole('link', { name: 'Månadsrapport' }).click();
    const table = page.getByTestId('report-table');
    await table.waitFor();
    await expectText(table, /Aktuella i IKE/);
    await expectText(page.locator('main'), /<5/);
    for (const name of ['Aktuella i registret vid månadens slut', 'Andel vetskap (procent)'])
      await page.getByRole('img', { name }).waitFor();
    // The charts of issue 14 point 6, each an image named for screen readers, with the
    // month table (or the summer-job table) holding its numbers. The demo's summer is the
    // latest one begun (src/demo/activities.demo.ts).
    const year = Number(
      (await h.t.db.query(`SELECT extract(year FROM app_today() - interval '5 months')::int AS y`))
        .rows[0].y,
    );
    for (const name of [
      'Avslut per månad',
      'Remisser per månad och läge',
      'Aktiviteter per månad',
      'Besök på aktiviteterna',
    ])
      await page.getByRole('img', { name }).waitFor();
    for (const key of [
      'closuresToWork',
      'closuresToStudies',
      'referralsSent',
      'referralsAccepted',
      'referralsDeclined',
      'referralsCompleted',
      'referralsCancelled',
      'activitiesHeld',
      'activityAttendance',
      'activityFirstTimers',
    ])
      expect(await table.locator(`tr[data-key="${key}"]`).count()).toBe(1);

    // The summer-job challenge: per sector, the demo's offers summed, as the table shows them.
    const { rows: offers } = await h.t.db.query(
      `SELECT sector, sum(positions)::int AS positions, sum(placements)::int AS placements
       FROM summer_job_offer WHERE municipality_code = '1287' AND year = $1 GROUP BY sector`,
      [year],
    );
    expect(offers.length).toBe(3);
    await page
      .getByRole('img', { name: `Feriejobb ${year}: platser och placerade per sektor` })
      .waitFor();
    const jobs = page.getByTestId('summer-jobs-table');
    for (const o of offers as { sector: string; positions: number; placements: number }[]) {
      const cells = await jobs.locator(`tr[data-sector="${o.sector}"] td.num`).allInnerTexts();
      const shown = (n: number) => (n < 5 ? '<5' : String(n));
      expect(cells).toEqual([shown(o.positions), shown(o.placements)]);
    }
    await expectText(jobs, /Näringslivet/);

    await h.check(page, 'manager-dashboard');
    expect(await untranslated(page)).toEqual([]);

    // Counts of people are "<5" or at least 5 (or 0), never 1–4; "Aktiviteter" and each
    // kind's "tillfällen" count activities held, not people, the network-meeting rows count
    // meetings, staff and organisations, and shares are percentages.
    const rowTexts = await table.locator('tbody tr').allInnerTexts();
    const countsEvents = (r: string) =>
      r.startsWith('Aktiviteter\t') ||
      r.startsWith('Professions- och nätverksmöten: ') ||
      /^[^\t]*: tillfällen\t/.test(r);
    const peopleCells = rowTexts
      .filter((r) => !countsEvents(r) && !r.includes('%'))
      .flatMap((r) =>
        r
          .split('\t')
          .slice(1)
          .map((c) => c.trim()),
      );
    expect(peopleCells.length).toBeGreaterThan(100);
    expect(peopleCells.filter((c) => c === '<5').length).toBeGreaterThan(10);
    expect(peopleCells.filter((c) => /^[1-4]$/.test(c))).toEqual([]);

    // Nobody is named: every young person's names and personnummer, against the whole DOM.
    const html = await page.content();
    const text = await page.locator('body').innerText();
    const { rows: people } = await h.t.db.query(
      `SELECT given_name, family_name, personal_number FROM young_person`,
    );
    expect(people.length).toBeGreaterThan(20);
    const leaks = people.flatMap(
      (p: { given_name: string; family_name: string; personal_number: string }) =>
        [
          `${p.given_name} ${p.family_name}`,
          p.personal_number,
          `${p.personal_number.slice(2, 8)}-${p.personal_number.slice(8)}`,
        ].filter((s) => html.includes(s) || text.includes(s)),
    );
    expect(leaks).toEqual([]);
    expect(text).not.toMatch(/\b(19|20)\d{6}-?\d{4}\b/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('<5');
    expect(
      people.filter(
        (p: { family_name: string; personal_number: string }) =>
          csv.includes(p.personal_number) || csv.includes(` ${p.family_name}`),
      ),
    ).toEqual([]);

    // The PDF as the coordinator hands it in, also downloadable (logged as an export).
    const exportsBefore = Number(
      (
        await h.t.db.query(
          `SELECT count(*) FROM access_log WHERE subject_type = 'MONTHLY_REPORT' AND action = 'EXPORT'`,
        )
      ).rows[0].count,
    );
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(
      Number(
        (
          await h.t.db.query(
            `SELECT count(*) FROM access_log WHERE subject_type = 'MONTHLY_REPORT' AND action = 'EXPORT'`,
          )
        ).rows[0].count,
      ),
    ).toBeGreaterThan(exportsBefore);

    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Monthly report' }).waitFor();
    for (const name of [
      'Closures per month',
      'Referrals per month and state',
      'Activities per month',
      `Summer jobs ${year}: positions and placements per sector`,
    ])
      await page.getByRole('img', { name }).waitFor();
    await expectText(jobs, /Business/);
    expect(await untranslated(page)).toEqual([]);
  });
});
