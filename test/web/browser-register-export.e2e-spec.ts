import { readFileSync } from 'node:fs';
import { BrowserHarness, expectText, startBrowserHarness, untranslated } from './browser-support';

/**
 * The coordinator downloads the KAA register from the work list in Chromium, as CSV and as
 * XLSX: the file has every period open on the date, Swedish headings, no address of a
 * protected identity; the form passes axe.
 */
jest.setTimeout(120_000);

describe('the KAA register export in a browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());
  afterEach(() => expect(h.takeErrors()).toEqual([]));

  it('downloads the register on today’s date as CSV and XLSX from the work list', async () => {
    const page = await h.signIn('coordinator@trelleborg.demo');
    await page.getByRole('heading', { name: 'Arbetslista' }).waitFor();
    const form = page.getByRole('form', { name: 'Exportera KAA-registret' });
    const today = await form.getByLabel('Registret den').inputValue();
    const { rows } = await h.t.db.query(
      `SELECT count(*)::int AS n FROM kaa_period p JOIN young_person yp ON yp.id = p.young_person_id
        WHERE p.municipality_code = '1287' AND yp.home_municipality_code = '1287'
          AND p.entry_date <= $1 AND (p.exit_date IS NULL OR p.exit_date >= $1)`,
      [today],
    );
    const open = rows[0].n as number;
    expect(open).toBeGreaterThan(5);

    const [csvFile] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: 'Ladda ner registret (CSV)' }).click(),
    ]);
    expect(csvFile.suggestedFilename()).toBe(`kaa-register-1287-${today}.csv`);
    const lines = readFileSync((await csvFile.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFPersonnummer,Förnamn,Efternamn,Ålder,Adress,Postnummer,Ort,Telefon,Inskriven,Inskrivningsorsak,Utskriven,Utskrivningsorsak,Sysselsättning,Ansvarig,Nästa uppföljning',
    );
    expect(lines).toHaveLength(open + 1);
    await expectText(form.locator('[aria-live]'), new RegExp(`Filen har ${open} rader`));
    // A protected identity's address stays out of the file.
    const hidden = await h.t.db.query(
      `SELECT street_address FROM young_person WHERE protected_identity AND street_address IS NOT NULL
         AND home_municipality_code = '1287'`,
    );
    for (const r of hidden.rows) expect(lines.join('\n')).not.toContain(r.street_address);

    const [xlsxFile] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: 'Ladda ner registret (Excel)' }).click(),
    ]);
    expect(xlsxFile.suggestedFilename()).toBe(`kaa-register-1287-${today}.xlsx`);
    expect(
      readFileSync((await xlsxFile.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(await untranslated(page)).toEqual([]);
    await h.check(page, 'register-export');
    // Both downloads are in the access log, as exports of the register.
    const logged = await h.t.db.query(
      `SELECT count(*)::int AS n FROM access_log l JOIN app_user u ON u.id = l.actor_user_id
        WHERE u.email = 'coordinator@trelleborg.demo' AND l.subject_type = 'KAA_REGISTER' AND l.action = 'EXPORT'`,
    );
    expect(logged.rows[0].n).toBe(2);
  });
});
