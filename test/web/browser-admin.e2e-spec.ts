import { DEMO_STAFF_LEAVE } from '../../src/demo/staff-leave.demo';
import { BrowserHarness, expectText, startBrowserHarness, untranslated } from './browser-support';

/**
 * The municipality admin's screens in Chromium as admin@trelleborg.demo: the users list
 * (active / all), a user disabled and enabled again (checked in the database and by the
 * user's own login), staff leave previewed for onleave@trelleborg.demo before the move,
 * a retention period changed. One app and browser for the file.
 */
jest.setTimeout(120_000);

describe("the municipality admin's screens in a browser", () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());
  afterEach(() => expect(h.takeErrors()).toEqual([]));

  const login = (email: string) =>
    h.t.gql(
      `mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }`,
      {
        e: email,
        p: 'Demo-portal-2026',
      },
    );

  it('lists the users (active, then all), opens one, disables and enables it again', async () => {
    const page = await h.signIn('admin@trelleborg.demo');
    // The admin starts on the users list.
    await page.getByRole('heading', { name: 'Användare i kommunen' }).waitFor();
    await page.getByTestId('user-row').first().waitFor();
    const { rows: counts } = await h.t.db.query(
      `SELECT count(*) FILTER (WHERE active)::int AS active, count(*)::int AS all FROM app_user WHERE municipality_code = '1287'`,
    );
    await expectText(page.getByTestId('users-total'), new RegExp(`^${counts[0].active} användare`));
    await h.check(page, 'admin-users');
    expect(await untranslated(page)).toEqual([]);

    // A disabled user, listed under "Alla" and "Avstängda" but not "Aktiva".
    await h.t.db.query(
      `UPDATE app_user SET active = false WHERE email = 'liaison@trelleborg.demo'`,
    );
    await page.reload();
    await page.getByTestId('user-row').first().waitFor();
    expect(await page.getByTestId('users-table').innerText()).not.toContain(
      'liaison@trelleborg.demo',
    );
    await page.getByLabel('Visa').selectOption({ label: 'Alla' });
    await expectText(page.getByTestId('users-total'), new RegExp(`^${counts[0].all} användare`));
    await expectText(
      page.getByTestId('users-table'),
      /liaison@trelleborg\.demo\s+Arbetsförmedlingen Trelleborg\s+Arbetsförmedlare\s+Avstängd/,
    );
    await h.t.db.query(`UPDATE app_user SET active = true WHERE email = 'liaison@trelleborg.demo'`);

    // By organisation: only the youth team's users.
    await page
      .getByRole('combobox', { name: 'Organisation' })
      .selectOption({ label: 'Arbetsmarknadsförvaltningen – Ungdomsteamet' });
    const { rows: team } = await h.t.db.query(
      `SELECT count(*)::int AS n FROM app_user WHERE organisation_id = '00000000-0000-4000-8000-128700000001'`,
    );
    await expectText(page.getByTestId('users-total'), new RegExp(`^${team[0].n} användare`));
    await page.locator('[data-testid=users-table][aria-busy=false]').waitFor();
    await expectText(page.getByTestId('users-table'), /Maja Nordin/);
    expect(await page.getByTestId('users-table').innerText()).not.toContain('Söderslättsgymnasiet');

    // Karin Holm's page: disable, checked in the database and by her own login.
    await page.getByRole('link', { name: 'Karin Holm' }).click();
    await page.getByRole('heading', { name: 'Karin Holm', level: 1 }).waitFor();
    await expectText(page.getByTestId('user-details'), /coordinator2@trelleborg\.demo/);
    await expect(page.getByRole('checkbox', { name: 'KAA-samordnare' }).isChecked()).resolves.toBe(
      true,
    );
    await h.check(page, 'admin-user');
    expect(await untranslated(page)).toEqual([]);
    expect((await login('coordinator2@trelleborg.demo')).data?.login.accessToken).toBeTruthy();
    await page.getByRole('button', { name: 'Stäng av användaren' }).click();
    await expectText(page.getByRole('status').first(), /Användaren är avstängd/);
    await expectText(page.getByTestId('user-status'), /^Avstängd$/);
    const active = async () =>
      (
        await h.t.db.query(
          `SELECT active FROM app_user WHERE email = 'coordinator2@trelleborg.demo'`,
        )
      ).rows[0].active;
    expect(await active()).toBe(false);
    expect((await login('coordinator2@trelleborg.demo')).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    await page.getByRole('button', { name: 'Aktivera användaren' }).click();
    await expectText(page.getByRole('status').first(), /Användaren är aktiverad/);
    await expectText(page.getByTestId('user-status'), /^Aktiv$/);
    expect(await active()).toBe(true);
    expect((await login('coordinator2@trelleborg.demo')).data?.login.accessToken).toBeTruthy();

    // Roles: a second one added and saved, then taken away again.
    const roles = async () =>
      (
        await h.t.db.query(
          `SELECT roles FROM app_user WHERE email = 'coordinator2@trelleborg.demo'`,
        )
      ).rows[0].roles;
    await page.getByRole('checkbox', { name: 'Studie- och yrkesvägledare' }).check();
    await page.getByRole('button', { name: 'Spara roller' }).click();
    await expectText(page.getByRole('status').first(), /Rollerna är sparade/);
    expect(await roles()).toEqual(expect.arrayContaining(['YOUTH_COORDINATOR', 'COUNSELLOR']));
    await page.getByRole('checkbox', { name: 'Studie- och yrkesvägledare' }).uncheck();
    await page.getByRole('button', { name: 'Spara roller' }).click();
    await expectText(page.getByRole('status').first(), /Rollerna är sparade/);
    expect(await roles()).toEqual(['YOUTH_COORDINATOR']);

    // An unknown user: not found, said in words.
    await page.goto(page.url().replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000'));
    await expectText(page.getByRole('alert'), /Det finns inte/);
    // The admin's own page: no way to disable or demote oneself.
    const { rows: me } = await h.t.db.query(
      `SELECT id FROM app_user WHERE email = 'admin@trelleborg.demo'`,
    );
    await page.goto(page.url().replace(/[0-9a-f-]{36}$/, me[0].id));
    await page.getByRole('heading', { name: 'Nils Åkesson', level: 1 }).waitFor();
    await expectText(page.getByTestId('own-account'), /ditt eget konto/);
    expect(await page.getByRole('button', { name: 'Stäng av användaren' }).count()).toBe(0);
  });

  it('grants a permission with a reason and a last day, and revokes it', async () => {
    const page = await h.signIn(
      'admin@trelleborg.demo',
      '/admin/users/00000000-0000-4000-8000-128700000101',
    );
    await page.getByRole('heading', { name: 'Jour Socialsekreterare', level: 1 }).waitFor();
    // The demo's EMERGENCY_ACCESS of this week, in force.
    await expectText(page.getByTestId('grants'), /Nödåtkomst.*Gäller/s);
    await page
      .getByRole('combobox', { name: /^Behörighet/ })
      .selectOption({ label: 'Skyddade personuppgifter' });
    await page.getByLabel('Sista dag').fill('2099-12-31');
    await page
      .getByLabel('Skäl', { exact: true })
      .fill('Socialjouren handlägger ärenden med skyddade personuppgifter');
    await page.getByRole('button', { name: 'Ge behörighet' }).click();
    await expectText(
      page.getByTestId('grants'),
      /Skyddade personuppgifter\s+Socialjouren handlägger/,
    );
    const grants = async () =>
      (
        await h.t.db.query(
          `SELECT permission, revoked_at IS NOT NULL AS revoked FROM permission_grant WHERE user_id = '00000000-0000-4000-8000-128700000101' ORDER BY permission`,
        )
      ).rows;
    expect(await grants()).toEqual(
      expect.arrayContaining([{ permission: 'PROTECTED_IDENTITY', revoked: false }]),
    );
    await h.check(page, 'admin-user-permissions');
    const row = page.getByTestId('grant-row').filter({ hasText: 'Skyddade personuppgifter' });
    await row.getByLabel('Skäl att återkalla').fill('Uppdraget avslutat');
    await row.getByRole('button', { name: 'Återkalla' }).click();
    await expectText(row, /Återkallad .*Uppdraget avslutat/);
    expect(await grants()).toEqual(
      expect.arrayContaining([{ permission: 'PROTECTED_IDENTITY', revoked: true }]),
    );
  });

  it("previews Maja Nordin's staff leave (counts per kind, as in the database), then moves it to Karin Holm", async () => {
    const page = await h.signIn('admin@trelleborg.demo');
    await page.getByRole('link', { name: 'Överlämning' }).click();
    await page.getByRole('heading', { name: 'Överlämning vid ledighet' }).waitFor();
    await page.getByLabel('Den som går på ledighet eller slutar').selectOption({
      label: 'Maja Nordin (onleave@trelleborg.demo) – Arbetsmarknadsförvaltningen – Ungdomsteamet',
    });
    const leaver = DEMO_STAFF_LEAVE.leaverUserId;
    const open = async () => {
      const { rows } = await h.t.db.query(
        `SELECT (SELECT count(*)::int FROM joint_case WHERE lead_user_id = $1 AND status = 'OPEN') AS cases,
                (SELECT count(*)::int FROM kaa_period WHERE responsible_user_id = $1 AND exit_date IS NULL) AS kaa,
                (SELECT count(*)::int FROM case_task WHERE owner_user_id = $1 AND status = 'OPEN') AS tasks,
                (SELECT count(*)::int FROM referral WHERE sender_user_id = $1 AND state IN ('SENT', 'ACCEPTED')) AS referrals`,
        [leaver],
      );
      return rows[0];
    };
    const before = await open();
    expect(before.cases).toBeGreaterThan(0);
    expect(before.kaa).toBeGreaterThan(0);
    const preview = page.getByTestId('staff-preview');
    await expectText(preview, new RegExp(`Öppna ärenden hen leder\\s+${before.cases}\\b`));
    await expectText(preview, new RegExp(`Öppna KAA-perioder\\s+${before.kaa}\\b`));
    await expectText(preview, new RegExp(`Öppna uppgifter\\s+${before.tasks}\\b`));
    await expectText(preview, new RegExp(`Öppna remisser hen skickat\\s+${before.referrals}\\b`));
    const total = before.cases + before.kaa + before.tasks + before.referrals;
    await expectText(preview, new RegExp(`${total} öppna poster att flytta`));
    // No receiver yet: nothing can move.
    expect(await page.getByRole('button', { name: /^Flytta/ }).count()).toBe(0);
    // The manager holds no case-working role: refused as the move would be, in words.
    await page
      .getByLabel('Kollega som tar över')
      .selectOption({ label: 'Karin Sjöberg (manager@trelleborg.demo)' });
    await expectText(
      page.getByTestId('receiver-refused'),
      /måste vara aktiv och ha en handläggande roll/,
    );
    expect(await page.getByRole('button', { name: /^Flytta/ }).count()).toBe(0);
    await page
      .getByLabel('Kollega som tar över')
      .selectOption({ label: 'Karin Holm (coordinator2@trelleborg.demo)' });
    await page.getByRole('button', { name: `Flytta ${total} poster` }).waitFor();
    await h.check(page, 'admin-staff-leave');
    expect(await untranslated(page)).toEqual([]);
    // The preview changed nothing.
    expect(await open()).toEqual(before);

    await page.getByRole('button', { name: `Flytta ${total} poster` }).click();
    await expectText(
      page.getByTestId('staff-moved'),
      new RegExp(
        `Flyttat: ${before.cases} ärenden, ${before.tasks} uppgifter, ${before.referrals} remisser, \\d+ avhoppsrisker, ${before.kaa} KAA-perioder`,
      ),
    );
    expect(await open()).toEqual({ cases: 0, kaa: 0, tasks: 0, referrals: 0 });
    await expectText(preview, /0 öppna poster att flytta/);
  });

  it('changes a retention period; the database holds it and the page says the own periods apply', async () => {
    const page = await h.signIn('admin@trelleborg.demo');
    await page.getByRole('link', { name: 'Gallring' }).click();
    await page.getByRole('heading', { name: 'Gallringsfrister' }).waitFor();
    await expectText(page.getByTestId('retention-state'), /Standardfristerna gäller/);
    await expect(page.getByLabel('Avslutade ärenden (månader)').inputValue()).resolves.toBe('24');
    await h.check(page, 'admin-retention');
    expect(await untranslated(page)).toEqual([]);
    await page.getByLabel('Avslutade ärenden (månader)').fill('36');
    await page.getByRole('button', { name: 'Spara gallringsfrister' }).click();
    await expectText(page.getByRole('status').first(), /Gallringsfristerna är sparade/);
    await expectText(page.getByTestId('retention-state'), /Kommunens egna frister/);
    const { rows } = await h.t.db.query(
      `SELECT closed_case_months, kaa_months FROM retention_setting WHERE municipality_code = '1287'`,
    );
    expect(rows).toEqual([{ closed_case_months: 36, kaa_months: 24 }]);
    await page.reload();
    await expect(page.getByLabel('Avslutade ärenden (månader)').inputValue()).resolves.toBe('36');
    // Out of range: the browser refuses it before it is sent.
    await page.getByLabel('Avslutade ärenden (månader)').fill('999');
    await page.getByRole('button', { name: 'Spara gallringsfrister' }).click();
    expect(
      await page
        .getByLabel('Avslutade ärenden (månader)')
        .evaluate((e: HTMLInputElement) => e.validity.valid),
    ).toBe(false);
  });

  it("lists the municipality's organisations, adds one, and links to each one's users", async () => {
    const page = await h.signIn('admin@trelleborg.demo');
    await page.getByRole('link', { name: 'Organisationer' }).click();
    await page.getByRole('heading', { name: 'Organisationer i kommunen' }).waitFor();
    await page.getByTestId('organisation-row').first().waitFor();
    const rows = await page.getByTestId('organisation-row').allInnerTexts();
    expect(rows.some((r) => r.includes('Söderslättsgymnasiet') && r.includes('Skola'))).toBe(true);
    // Only the own municipality's.
    expect(rows.every((r) => r.includes('1287'))).toBe(true);
    await h.check(page, 'admin-organisations');
    expect(await untranslated(page)).toEqual([]);
    await page.getByLabel('Namn').fill('Fritidsgården Källstorp');
    await page.getByLabel('Typ').selectOption({ label: 'Förening' });
    await page.getByRole('button', { name: 'Lägg till organisation' }).click();
    await expectText(page.getByRole('status').first(), /Fritidsgården Källstorp är tillagd/);
    await expectText(
      page.getByTestId('organisations'),
      /Fritidsgården Källstorp\s+Förening\s+1287/,
    );
    await page.getByRole('link', { name: 'Användare i Söderslättsgymnasiet', exact: true }).click();
    await expectText(page.getByTestId('users-table'), /Lena Berg/);
    await page.locator('[data-testid=users-table][aria-busy=false]').waitFor();
    expect(await page.getByTestId('users-table').innerText()).not.toContain('Ungdomsteamet');
  });

  it('adds a sign-in provider with a group mapping, shows its URLs, and removes it', async () => {
    const page = await h.signIn('admin@trelleborg.demo');
    await page.getByRole('link', { name: 'Inloggningstjänster' }).click();
    await page.getByRole('heading', { name: 'Inloggningstjänster', level: 1 }).waitFor();
    await expectText(page.locator('main'), /inga egna inloggningstjänster/);
    await page.getByLabel('Id', { exact: true }).fill('trelleborg-entra-2');
    await page
      .getByLabel('Utfärdare (issuer)')
      .fill('https://login.microsoftonline.com/00000000-0000-0000-0000-000000001287/v2.0');
    await page.getByLabel('Klient-id').fill('11111111-2222-3333-4444-555555555555');
    await page.getByLabel('Klienthemlighet').fill('the client secret from Entra ID');
    await page.getByLabel('Anspråk som identifierar användaren').fill('oid');
    await page.getByLabel('Anspråk med grupper').fill('groups');
    await page
      .getByLabel('Grupp (t.ex. gruppens objekt-id)')
      .fill('6f1c0d4e-aaaa-bbbb-cccc-000000000001');
    await page
      .getByRole('combobox', { name: /^Organisation/ })
      .selectOption({ label: 'Arbetsmarknadsförvaltningen – Ungdomsteamet' });
    await page.getByRole('checkbox', { name: 'KAA-samordnare' }).check();
    await page.getByRole('button', { name: 'Spara inloggningstjänst' }).click();
    await expectText(page.getByRole('status').first(), /trelleborg-entra-2 är sparad/);
    const card = page.getByTestId('identity-provider');
    await expectText(card, /\/auth\/oidc\/trelleborg-entra-2\/login/);
    await expectText(
      card,
      /6f1c0d4e-aaaa-bbbb-cccc-000000000001 → Arbetsmarknadsförvaltningen – Ungdomsteamet: KAA-samordnare/,
    );
    // The secret is never shown again.
    expect(await page.locator('body').innerText()).not.toContain('the client secret from Entra ID');
    const { rows } = await h.t.db.query(
      `SELECT municipality_code FROM sso_provider WHERE slug = 'trelleborg-entra-2'`,
    );
    expect(rows).toEqual([{ municipality_code: '1287' }]);
    await h.check(page, 'admin-identity-providers');
    expect(await untranslated(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ta bort trelleborg-entra-2' }).click();
    await expectText(page.getByRole('status').first(), /trelleborg-entra-2 är borttagen/);
    // (the list refetches after the status says so)
    await card.waitFor({ state: 'detached' });
    expect(
      (await h.t.db.query(`SELECT 1 FROM sso_provider WHERE slug = 'trelleborg-entra-2'`)).rows,
    ).toEqual([]);
  });

  it('in English: the admin screens are translated', async () => {
    const page = await h.signIn('admin@trelleborg.demo');
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Users of the municipality' }).waitFor();
    await page.getByTestId('user-row').first().waitFor();
    expect(await untranslated(page)).toEqual([]);
    for (const [link, heading] of [
      ['Organisations', 'Organisations of the municipality'],
      ['Retention', 'Retention periods'],
      ['Staff leave', 'Handover on staff leave'],
      ['Sign-in providers', 'Sign-in providers'],
    ]) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await untranslated(page)).toEqual([]);
    }
  });
});
