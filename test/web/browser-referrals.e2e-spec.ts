import type { Locator, Page } from 'playwright-core';
import { DEMO_CASES as D } from '../../src/demo/cases.demo';
import { sv } from '../../web/src/i18n/sv';
import { BrowserHarness, expectText, startBrowserHarness } from './browser-support';

/**
 * Referrals as a closed loop in Chromium (issue 14 point 2), on the demo data: the social
 * worker sends one from Alex's case offering only what a consent covers for the receiver,
 * the Arbetsförmedlingen liaison accepts and completes it, the sender sees state and
 * outcome but never the receiver's note; the association leader declines with a reason.
 * One app and browser for the file.
 */
jest.setTimeout(120_000);

/** Bare message keys of these screens (untranslated labels) anywhere in the page's text. */
async function untranslatedHere(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text.match(/\b(?:enum|error|nav|cases|referrals|common)\.[A-Za-z_.]+/g) ?? [];
}

/** The labels of the category checkboxes the send form offers. */
async function offered(form: Locator): Promise<string[]> {
  const labels = await form
    .getByTestId('referral-categories')
    .locator('label:has(input[type=checkbox])')
    .allInnerTexts();
  return labels.map((l) => l.trim());
}

const label = (category: string) => sv[`enum.InformationCategory.${category}` as keyof typeof sv];

describe('referrals in a browser', () => {
  let h: BrowserHarness;
  let org: Record<string, string>;
  beforeAll(async () => {
    h = await startBrowserHarness();
    const { rows } = await h.t.db.query(
      `SELECT kind, id FROM organisation WHERE municipality_code = '1287' AND name IN
        ('Arbetsförmedlingen Trelleborg', 'Socialförvaltningen Trelleborg', 'Trelleborgs FF', 'Söderslättsgymnasiet')`,
    );
    org = Object.fromEntries(rows.map((r) => [r.kind, r.id]));
  }, 120_000);
  afterAll(async () => h?.close());
  afterEach(() => expect(h.takeErrors()).toEqual([]));

  /** Categories of Alex's consents in force that name the organisation, in the enum's order. */
  async function consentedFor(youngPersonId: string, organisationId: string): Promise<string[]> {
    const { rows } = await h.t.db.query(
      `SELECT DISTINCT unnest(c.categories)::text AS category FROM consent c
         JOIN consent_recipient r ON r.consent_id = c.id
        WHERE c.young_person_id = $1 AND r.organisation_id = $2 AND c.withdrawn_at IS NULL
          AND c.valid_from <= app_now() AND app_now() < c.valid_until`,
      [youngPersonId, organisationId],
    );
    const order = ['IDENTITY', 'CONTACT', 'SCHOOL', 'SOCIAL', 'EMPLOYMENT', 'HEALTH', 'ACTIVITIES'];
    return rows
      .map((r) => r.category as string)
      .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  it('the social worker sends from Alex’s case, offered only the consented categories; the liaison accepts and completes it; the sender sees state and outcome, never the note', async () => {
    const social = await h.signIn('social@trelleborg.demo', `/cases/${D.alexCaseId}`);
    await social.getByRole('heading', { level: 1, name: 'Alex: vägen till arbete' }).waitFor();
    const form = social.locator('section[aria-labelledby="send-referral"]');
    await form.getByLabel('Mottagare').selectOption({ label: 'Arbetsförmedlingen Trelleborg' });
    // Exactly the categories of Alex's consents naming Arbetsförmedlingen: no HEALTH, no SCHOOL.
    const expected = (await consentedFor(D.alexId, org.LABOUR_OFFICE)).map(label);
    expect(expected).toEqual([
      'Identitet',
      'Kontaktuppgifter',
      'Sociala förhållanden',
      'Arbete',
      'Aktiviteter',
    ]);
    await expectText(form.getByTestId('referral-categories'), /Aktiviteter/);
    expect(await offered(form)).toEqual(expected);
    await form.getByLabel('Syfte').selectOption({ label: 'Extratjänst' });
    await form.getByRole('checkbox', { name: 'Identitet' }).check();
    await form.getByRole('checkbox', { name: 'Arbete' }).check();
    await form.getByLabel('Text: Arbete').fill('Alex vill pröva en extratjänst inom restaurang.');
    await h.check(social, 'referral-send');
    await form.getByRole('button', { name: 'Skicka remissen' }).click();
    await expectText(social.getByRole('status').first(), /Remissen är skickad/);
    await expectText(
      social.getByTestId('case-referrals'),
      /Extratjänst[\s\S]*Arbetsförmedlingen Trelleborg[\s\S]*Skickad/,
    );
    const { rows: sent } = await h.t.db.query(
      `SELECT r.id, r.state, r.shared_categories::text[] AS shared, s.name AS sender,
              (SELECT body FROM referral_section WHERE referral_id = r.id AND category = 'EMPLOYMENT') AS body
         FROM referral r JOIN organisation s ON s.id = r.sender_organisation_id
        WHERE r.case_id = $1 AND r.purpose = 'EXTRATJANST' AND r.receiver_organisation_id = $2`,
      [D.alexCaseId, org.LABOUR_OFFICE],
    );
    expect(sent).toEqual([
      {
        id: expect.any(String),
        state: 'SENT',
        shared: ['IDENTITY', 'EMPLOYMENT'],
        sender: 'Socialförvaltningen Trelleborg',
        body: 'Alex vill pröva en extratjänst inom restaurang.',
      },
    ]);
    const id: string = sent[0].id;

    // The receiver's inbox: the referral with what it shares; accept, then complete with an outcome.
    const liaison = await h.signIn('liaison@trelleborg.demo');
    await liaison.getByRole('link', { name: 'Remisser', exact: true }).click();
    await liaison.getByRole('heading', { name: /Inkomna remisser/ }).waitFor();
    const card = liaison
      .getByTestId('received-referral')
      .filter({ hasText: 'Extratjänst · Alex Johansson' });
    await expectText(
      card,
      /Socialförvaltningen Trelleborg[\s\S]*Skickad[\s\S]*Alex vill pröva en extratjänst/,
    );
    // The demo's own referral from social services is there too.
    await expectText(
      liaison
        .getByTestId('received-referral')
        .filter({ hasText: 'Arbetsförmedlingen, annat · Alex Johansson' }),
      /Socialförvaltningen Trelleborg[\s\S]*Skickad/,
    );
    await h.check(liaison, 'referral-inbox');
    await card.getByRole('button', { name: 'Acceptera' }).click();
    await expectText(liaison.getByRole('status').first(), /Remissen är accepterad/);
    await expectText(card.getByTestId('referral-state'), /Accepterad/);
    const state = async () =>
      (
        await h.t.db.query(
          `SELECT r.state, r.outcome_code, r.receiver_note,
                  (SELECT array_agg(t.to_state::text ORDER BY t.at) FROM referral_transition t WHERE t.referral_id = r.id) AS steps,
                  (SELECT u.email FROM referral_transition t JOIN app_user u ON u.id = t.by_user_id
                    WHERE t.referral_id = r.id AND t.to_state = 'ACCEPTED') AS accepted_by
             FROM referral r WHERE r.id = $1`,
          [id],
        )
      ).rows[0];
    expect(await state()).toEqual({
      state: 'ACCEPTED',
      outcome_code: null,
      receiver_note: null,
      steps: ['SENT', 'ACCEPTED'],
      accepted_by: 'liaison@trelleborg.demo',
    });
    await card.getByRole('combobox', { name: /^Utfall/ }).selectOption({ label: 'Började arbeta' });
    await card.getByLabel(/Egen anteckning/).fill('Intern notering: börjar på Restaurang Hamnen.');
    await card.getByRole('button', { name: 'Avsluta med utfall' }).click();
    await expectText(liaison.getByRole('status').first(), /Remissen är avslutad/);
    expect(await state()).toMatchObject({
      state: 'COMPLETED',
      outcome_code: 'STARTED_WORK',
      receiver_note: 'Intern notering: börjar på Restaurang Hamnen.',
    });

    // The sender: state and outcome, never the receiver's note.
    await social.getByRole('link', { name: 'Remisser', exact: true }).click();
    const row = social.getByTestId('sent-referral').filter({ hasText: 'Extratjänst' });
    await expectText(row, /Arbetsförmedlingen Trelleborg[\s\S]*Avslutad[\s\S]*Började arbeta/);
    await social.waitForLoadState('networkidle');
    expect(await social.content()).not.toContain('Restaurang Hamnen');
    // The overdue referral social services received from the youth team stands out.
    const overdue = social
      .getByTestId('received-referral')
      .filter({ hasText: 'Socialt stöd · Alex Johansson' });
    await expectText(overdue, /svaret är försenat/);
    expect(await overdue.getAttribute('class')).toContain('overdue');
    await h.check(social, 'referrals');
    expect(await untranslatedHere(social)).toEqual([]);

    // The sender cancels the demo's unanswered one.
    await social
      .getByRole('button', {
        name: 'Återkalla Arbetsförmedlingen, annat till Arbetsförmedlingen Trelleborg',
      })
      .click();
    await expectText(social.getByRole('status').first(), /Remissen är återkallad/);
    await expectText(
      social.getByTestId('sent-referral').filter({ hasText: 'Arbetsförmedlingen, annat' }),
      /Återkallad/,
    );
    const { rows: cancelled } = await h.t.db.query(`SELECT state FROM referral WHERE id = $1`, [
      D.referralFromSocialId,
    ]);
    expect(cancelled).toEqual([{ state: 'CANCELLED' }]);
  });

  it('a case and receiver with no consent naming it offer no category and cannot be sent', async () => {
    const page = await h.signIn('coordinator@trelleborg.demo', `/cases/${D.beaCaseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const form = page.locator('section[aria-labelledby="send-referral"]');
    // Bea's consent names no school.
    expect(await consentedFor(D.beaId, org.SCHOOL)).toEqual([]);
    await form.getByLabel('Mottagare').selectOption({ label: 'Söderslättsgymnasiet' });
    await expectText(
      form.getByTestId('referral-categories'),
      /Inget samtycke i kraft nämner mottagaren/,
    );
    expect(await offered(form)).toEqual([]);
    await form.getByLabel('Syfte').selectOption({ label: 'Tillbaka till skolan' });
    expect(await form.getByRole('button', { name: 'Skicka remissen' }).isDisabled()).toBe(true);
    // Arbetsförmedlingen: Bea's consent covers four categories for it, HEALTH not among them.
    await form.getByLabel('Mottagare').selectOption({ label: 'Arbetsförmedlingen Trelleborg' });
    const expected = (await consentedFor(D.beaId, org.LABOUR_OFFICE)).map(label);
    expect(expected).toEqual(['Identitet', 'Kontaktuppgifter', 'Arbete', 'Aktiviteter']);
    await expectText(form.getByTestId('referral-categories'), /Aktiviteter/);
    expect(await offered(form)).toEqual(expected);
    // The coordinator sent the overdue one to social services: marked on the sender's side too.
    await page.getByRole('link', { name: 'Remisser', exact: true }).click();
    const overdue = page
      .getByTestId('sent-referral')
      .filter({ hasText: 'Socialt stöd' })
      .filter({ hasText: 'Skickad' });
    await expectText(overdue, /svaret är försenat/);
  });

  it('the association leader declines Bea’s referral with a reason, in English; the coordinator sees why', async () => {
    const page = await h.signIn('association@trelleborg.demo', '/referrals');
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: /Referrals received/ }).waitFor();
    const card = page
      .getByTestId('received-referral')
      .filter({ hasText: 'Öppen Hall, fredagar 20–24' });
    await expectText(card, /Association activity · Bea Lindqvist[\s\S]*Sent/);
    // The completed one from Alex's case is there too, with its outcome.
    await expectText(
      page.getByTestId('referral-inbox'),
      /Fotbollsträning tisdagar[\s\S]*Joined the activity/,
    );
    await card.getByLabel('Reason').selectOption({ label: 'No place at the moment' });
    await card.getByRole('button', { name: 'Decline' }).click();
    await expectText(page.getByRole('status').first(), /The referral is declined/);
    await expectText(card.getByTestId('referral-state'), /Declined/);
    const { rows } = await h.t.db.query(
      `SELECT state, decline_reason FROM referral WHERE id = $1`,
      [D.referralSentToTffId],
    );
    expect(rows).toEqual([{ state: 'DECLINED', decline_reason: 'NO_CAPACITY' }]);
    await h.check(page, 'referrals-en');
    expect(await untranslatedHere(page)).toEqual([]);

    const coordinator = await h.signIn('coordinator@trelleborg.demo', '/referrals');
    const row = coordinator
      .getByTestId('sent-referral')
      .filter({ hasText: 'Öppen Hall, fredagar 20–24' });
    await expectText(row, /Trelleborgs FF[\s\S]*Avböjd[\s\S]*Ingen plats just nu/);
  });
});
