import type { Page } from 'playwright-core';
import { DEMO_CASES as D } from '../../src/demo/cases.demo';
import { BrowserHarness, expectText, startBrowserHarness } from './browser-support';

/**
 * Joint cases and referrals in Chromium, as the demo's social worker, Arbetsförmedlingen
 * liaison and youth coordinator: a note the organisation has no consent for is a
 * placeholder whose text never reaches the page. One app and browser for the file.
 */
jest.setTimeout(120_000);

/** Bare message keys of these screens (untranslated labels) anywhere in the page's text. */
async function untranslatedHere(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text.match(/\b(?:enum|error|nav|cases|referrals|common)\.[A-Za-z_.]+/g) ?? [];
}

describe('joint cases and referrals in a browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());
  afterEach(() => expect(h.takeErrors()).toEqual([]));

  it("the social worker's cases: Alex's case with participants, meetings, tasks and the EOR plan; the HEALTH note is a placeholder whose text is not in the page", async () => {
    const page = await h.signIn('social@trelleborg.demo');
    await page.getByRole('link', { name: 'Ärenden', exact: true }).click();
    await page.getByRole('heading', { name: 'Samverkansärenden' }).waitFor();
    // Social services lead no demo case; they take part in Alex's, and Dana's is gone
    // with her withdrawn consent.
    const joined = page.getByTestId('cases-joined');
    await expectText(joined, /Alex: vägen till arbete/);
    const titles = await joined.getByTestId('case-row').allInnerTexts();
    expect(titles.some((r) => r.includes('Dana'))).toBe(false);
    expect(await page.getByTestId('cases-led').count()).toBe(0);
    await h.check(page, 'cases-list');
    expect(await untranslatedHere(page)).toEqual([]);

    await joined.getByRole('link', { name: 'Alex: vägen till arbete' }).click();
    await page.waitForURL(new RegExp(`/cases/${D.alexCaseId}$`));
    await page.getByRole('heading', { level: 1, name: 'Alex: vägen till arbete' }).waitFor();
    await expectText(page.getByTestId('case-participants'), /Socialförvaltningen Trelleborg · deltar/);
    await expectText(page.getByTestId('case-participants'), /Ungdomsteamet · leder/);

    // The HEALTH note: category, author organisation and date, never the text.
    const placeholder = page.getByTestId('note-placeholder');
    expect(await placeholder.count()).toBe(1);
    await expectText(placeholder, /Hälsa · Arbetsmarknadsförvaltningen – Ungdomsteamet · \d/);
    await expectText(placeholder, /saknar samtycke/);
    const { rows } = await h.t.db.query(`SELECT body FROM case_note WHERE id = $1`, [
      D.alexHealthNoteId,
    ]);
    const healthText: string = rows[0].body;
    expect(healthText.length).toBeGreaterThan(10);
    await page.waitForLoadState('networkidle');
    expect(await page.content()).not.toContain(healthText);
    // The SOCIAL note, which the consent covers, shows its text.
    await expectText(page.getByTestId('case-notes'), /Bor hos sin mamma/);

    await expectText(page.getByTestId('case-meetings'), /SIP ·[\s\S]*Mål satt enligt EOR/);
    await expectText(page.getByTestId('case-tasks'), /Följ upp ansökningarna med Alex[\s\S]*försenad/);
    await expectText(page.getByTestId('eor-plan'), /Ha ett jobb inom restaurang före sommaren/);
    // Sub-goals planned backwards: the latest first.
    const steps = await page.getByTestId('eor-plan').locator('ol li').allInnerTexts();
    expect(steps.map((s) => s.replace(/^.*?: /, '').split(' · ')[0])).toEqual([
      'Ha ett jobb inom restaurang före sommaren',
      'Utbildningskontrakt beslutat',
      'Gå på två intervjuer',
      'CV klart och tre ansökningar skickade',
    ]);
    expect(await page.getByRole('heading', { name: 'Avsluta ärendet' }).count()).toBe(0);
    await h.check(page, 'case-page');
    expect(await untranslatedHere(page)).toEqual([]);

    // A note the social worker writes shows with its text; the API stores it as theirs.
    await page.getByLabel('Kategori').selectOption('SOCIAL');
    await page.getByLabel('Text', { exact: true }).fill('Alex har fått en lägenhet via kommunen.');
    await page.getByRole('button', { name: 'Spara anteckningen' }).click();
    await expectText(page.getByRole('status').first(), /Anteckningen är sparad/);
    await expectText(page.getByTestId('case-notes'), /Alex har fått en lägenhet via kommunen/);
    const { rows: saved } = await h.t.db.query(
      `SELECT o.name FROM case_note n JOIN organisation o ON o.id = n.author_organisation_id
        WHERE n.case_id = $1 AND n.body = 'Alex har fått en lägenhet via kommunen.'`,
      [D.alexCaseId],
    );
    expect(saved).toEqual([{ name: 'Socialförvaltningen Trelleborg' }]);
  });

  it('the coordinator, who leads the case, reads the HEALTH note it wrote and closes Caspian’s case with its outcome', async () => {
    const page = await h.signIn('coordinator@trelleborg.demo', `/cases/${D.alexCaseId}`);
    await page.getByRole('heading', { level: 1, name: 'Alex: vägen till arbete' }).waitFor();
    // The youth team wrote the HEALTH note, so it reads it; the others' notes in
    // categories its consents do not cover are placeholders for it.
    await expectText(page.getByTestId('case-notes'), /Sömnsvårigheter/);
    await expectText(page.getByTestId('note-placeholder').first(), /saknar samtycke/);

    await page.getByRole('link', { name: 'Tillbaka till ärendena' }).click();
    const led = page.getByTestId('cases-led');
    await led.getByRole('link', { name: 'Caspian: stöd efter avhopp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Caspian: stöd efter avhopp' }).waitFor();
    await page.getByLabel('Utfall').selectOption({ label: 'Studier' });
    await page.getByLabel('Kommentar (frivillig)').fill('Börjar på komvux i januari.');
    await page.getByRole('button', { name: 'Avsluta ärendet' }).click();
    await expectText(page.getByRole('status').first(), /Ärendet är avslutat/);
    await expectText(page.getByTestId('case-outcome'), /Studier · Börjar på komvux i januari/);
    const { rows } = await h.t.db.query(
      `SELECT status, closure_outcome FROM joint_case WHERE id = $1`,
      [D.caspianCaseId],
    );
    expect(rows).toEqual([{ status: 'CLOSED', closure_outcome: 'STUDIES' }]);
    // Closed cases leave the open list.
    await page.getByRole('link', { name: 'Tillbaka till ärendena' }).click();
    await page.getByRole('heading', { name: 'Samverkansärenden' }).waitFor();
    await expectText(page.getByTestId('cases-led'), /Alex: vägen till arbete/);
    expect(await page.getByTestId('cases-led').innerText()).not.toContain('Caspian');
  });

  it('the liaison marks its own task done (only its own have the button); in English the page is translated', async () => {
    const page = await h.signIn('liaison@trelleborg.demo', `/cases/${D.alexCaseId}`);
    const tasks = page.getByTestId('case-tasks');
    await expectText(tasks, /Boka möte om utbildningskontrakt/);
    expect(await tasks.getByRole('button').count()).toBe(1);
    await tasks.getByRole('button', { name: 'Markera klar: Boka möte om utbildningskontrakt' }).click();
    await expectText(page.getByRole('status').first(), /Uppgiften är klar/);
    await expectText(tasks, /Boka möte om utbildningskontrakt[^\n]*\n?.*Klar/);
    const { rows } = await h.t.db.query(
      `SELECT status FROM case_task WHERE case_id = $1 AND title = 'Boka möte om utbildningskontrakt'`,
      [D.alexCaseId],
    );
    expect(rows).toEqual([{ status: 'DONE' }]);
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Action plan (EOR)' }).waitFor();
    await expectText(page.getByTestId('eor-plan'), /Utbildningskontrakt beslutat/);
    expect(await untranslatedHere(page)).toEqual([]);
  });
});
