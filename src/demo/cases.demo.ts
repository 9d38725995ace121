import { EntityManager } from 'typeorm';
import { luhnCheckDigit } from '../young-people/personal-number';
import type { DemoStep } from './demo-seed';
import { Clock } from '../core/clock/clock';
import { addDays, addYears } from '../core/clock/stockholm-calendar';

/** Records the README examples in README.md refer to. */
export const DEMO_CASES = {
  /** Alex, 19: case led by the youth team with social services, Arbetsförmedlingen and TFF. */
  alexCaseId: '00000000-0000-4000-8000-0c0000000800',
  /** Bea, 16: her consent ends in ten days. */
  beaCaseId: '00000000-0000-4000-8000-0c0000000801',
  /** Caspian, just 18: only his guardians consented, so a re-consent is needed. */
  caspianCaseId: '00000000-0000-4000-8000-0c0000000802',
  /** Dana, 17: withdrew her consent; social services no longer see the case. */
  danaCaseId: '00000000-0000-4000-8000-0c0000000803',
  alexConsentId: '00000000-0000-4000-8000-0c0000000810',
  beaConsentId: '00000000-0000-4000-8000-0c0000000811',
  caspianConsentId: '00000000-0000-4000-8000-0c0000000812',
  danaConsentId: '00000000-0000-4000-8000-0c0000000813',
  /** A note in HEALTH: social services see only a placeholder. */
  alexHealthNoteId: '00000000-0000-4000-8000-0c0000000820',
  alexSocialNoteId: '00000000-0000-4000-8000-0c0000000821',
  /** Referrals, one in every state. */
  referralSentOverdueId: '00000000-0000-4000-8000-0c0000000830',
  referralAcceptedId: '00000000-0000-4000-8000-0c0000000831',
  referralDeclinedId: '00000000-0000-4000-8000-0c0000000832',
  referralCompletedId: '00000000-0000-4000-8000-0c0000000833',
  referralCancelledId: '00000000-0000-4000-8000-0c0000000834',
  referralSentToTffId: '00000000-0000-4000-8000-0c0000000835',
  /** Social services' own referral of Alex to Arbetsförmedlingen: the social worker's sent list. */
  referralFromSocialId: '00000000-0000-4000-8000-0c0000000837',
  /** Dana's referral to social services, accepted before she withdrew her consent. */
  referralWithoutConsentId: '00000000-0000-4000-8000-0c0000000836',
  emergencyAccessId: '00000000-0000-4000-8000-0c0000000840',
  alexId: '00000000-0000-4000-8000-0c0000000860',
  beaId: '00000000-0000-4000-8000-0c0000000861',
  caspianId: '00000000-0000-4000-8000-0c0000000862',
  danaId: '00000000-0000-4000-8000-0c0000000863',
  elinId: '00000000-0000-4000-8000-0c0000000864',
  concernReportId: '00000000-0000-4000-8000-0c0000000850',
};

const D = DEMO_CASES;

function personalNumber(today: string, age: number, daysAfterBirthday: number, serial: number) {
  const iso = addDays(addYears(today, -age), -daysAfterBirthday);
  const six = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  const s = String(serial).padStart(3, '0');
  return {
    pnr: `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${s}${luhnCheckDigit(six + s)}`,
    iso,
  };
}

/** Joint cases, consents in several states and referrals in every state, in Trelleborg. */
export const casesDemoStep: DemoStep = {
  name: 'cases',
  async run(em: EntityManager, clock: Clock) {
    const one = async (sql: string, params: unknown[]) =>
      ((await em.query(sql, params)) as { id: string }[])[0]?.id;
    const user = (email: string) => one(`SELECT id FROM app_user WHERE email = $1`, [email]);
    const orgOf = (email: string) =>
      one(`SELECT organisation_id AS id FROM app_user WHERE email = $1`, [email]);
    const coordinator = await user('coordinator@trelleborg.demo');
    const social = await user('social@trelleborg.demo');
    const liaison = await user('liaison@trelleborg.demo');
    const association = await user('association@trelleborg.demo');
    const counsellor = await user('counsellor@trelleborg.demo');
    if (!coordinator || !social || !liaison || !association || !counsellor) return;
    const youth = (await orgOf('coordinator@trelleborg.demo'))!;
    const soc = (await orgOf('social@trelleborg.demo'))!;
    const af = (await orgOf('liaison@trelleborg.demo'))!;
    const tff = (await orgOf('association@trelleborg.demo'))!;
    const school = (await orgOf('counsellor@trelleborg.demo'))!;

    const person = async (
      id: string,
      serial: number,
      given: string,
      family: string,
      age: number,
      days: number,
    ) => {
      const { pnr, iso } = personalNumber(clock.today(), age, days, serial);
      await em.query(
        `INSERT INTO young_person (id, personal_number, birth_date, given_name, family_name, home_municipality_code, phone, email, city)
         VALUES ($7, $1, $2, $3, $4, '1287', $5, $6, 'Trelleborg') ON CONFLICT DO NOTHING`,
        [pnr, iso, given, family, `0701-23 4${serial}`, `${given.toLowerCase()}@example.se`, id],
      );
      return (await one(`SELECT id FROM young_person WHERE personal_number = $1`, [pnr]))!;
    };
    const alex = await person(D.alexId, 800, 'Alex', 'Johansson', 19, 40);
    const bea = await person(D.beaId, 801, 'Bea', 'Lindqvist', 16, 120);
    const caspian = await person(D.caspianId, 802, 'Caspian', 'Nord', 18, 50);
    const dana = await person(D.danaId, 803, 'Dana', 'Svensson', 17, 200);
    const elin = await person(D.elinId, 804, 'Elin', 'Öberg', 14, 90);

    const consent = async (
      id: string,
      yp: string,
      givenBy: string[],
      categories: string[],
      recipients: string[],
      fromDays: number,
      untilDays: number,
      withdrawn = false,
    ) => {
      await em.query(
        `INSERT INTO consent (id, young_person_id, municipality_code, given_by, method, documented_by_user_id,
            documented_by_organisation_id, purpose, categories, valid_from, valid_until,
            withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id, withdrawal_reason)
         VALUES ($1, $2, '1287', $3, 'WRITTEN', $4, $5, 'Samverkan kring arbete och studier', $6,
            app_now() + make_interval(days => $7), app_now() + make_interval(days => $8),
            CASE WHEN $9 THEN app_now() - interval '2 days' END, CASE WHEN $9 THEN 'YOUNG_PERSON' END,
            CASE WHEN $9 THEN $4::uuid END, CASE WHEN $9 THEN 'Vill inte dela med socialtjänsten' END)
         ON CONFLICT DO NOTHING`,
        [id, yp, givenBy, coordinator, youth, categories, fromDays, untilDays, withdrawn],
      );
      await em.query(
        `INSERT INTO consent_recipient (consent_id, organisation_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [id, recipients],
      );
    };
    await consent(
      D.alexConsentId,
      alex,
      ['YOUNG_PERSON'],
      ['IDENTITY', 'CONTACT', 'SOCIAL', 'EMPLOYMENT', 'ACTIVITIES'],
      [soc, af, tff],
      -30,
      335,
    );
    await consent(
      D.beaConsentId,
      bea,
      ['YOUNG_PERSON'],
      ['IDENTITY', 'CONTACT', 'EMPLOYMENT', 'ACTIVITIES'],
      [af, tff, soc],
      -80,
      10,
    );
    await consent(
      D.caspianConsentId,
      caspian,
      ['BOTH_GUARDIANS'],
      ['IDENTITY', 'SOCIAL', 'SCHOOL'],
      [soc, school],
      -120,
      245,
    );
    await consent(
      D.danaConsentId,
      dana,
      ['YOUNG_PERSON'],
      ['IDENTITY', 'SOCIAL'],
      [soc],
      -60,
      300,
      true,
    );
    // Alex's signed consent, scanned to PDF by the youth team.
    const signed = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    );
    await em.query(
      `INSERT INTO consent_document (consent_id, young_person_id, municipality_code, content_type, byte_size,
          sha256, content, uploaded_by_user_id, uploaded_by_organisation_id)
       VALUES ($1, $2, '1287', 'application/pdf', $3, encode(sha256($4), 'hex'), $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [D.alexConsentId, alex, signed.length, signed, coordinator, youth],
    );
    // Bea (16) consented alone and does not want her guardians told (asked as Mavis does).
    await em.query(`UPDATE consent SET guardians_to_be_told = false WHERE id = $1`, [
      D.beaConsentId,
    ]);

    const kase = async (
      id: string,
      yp: string,
      title: string,
      participants: string[],
      daysAgo: number,
    ) => {
      await em.query(
        `INSERT INTO joint_case (id, young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by, created_at)
         VALUES ($1, $2, '1287', $3, $4, $5, $4, app_now() - make_interval(days => $6)) ON CONFLICT DO NOTHING`,
        [id, yp, youth, coordinator, title, daysAgo],
      );
      await em.query(
        `INSERT INTO case_participant (case_id, organisation_id, role, added_by)
         SELECT $1::uuid, $2::uuid, 'LEAD', $3::uuid UNION ALL SELECT $1::uuid, unnest($4::uuid[]), 'PARTICIPANT', $3::uuid
         ON CONFLICT DO NOTHING`,
        [id, youth, coordinator, participants],
      );
    };
    await kase(D.alexCaseId, alex, 'Alex: vägen till arbete', [soc, af, tff], 30);
    await kase(D.beaCaseId, bea, 'Bea: tillbaka till studier', [af, tff], 60);
    await kase(D.caspianCaseId, caspian, 'Caspian: stöd efter avhopp', [soc], 100);
    await kase(D.danaCaseId, dana, 'Dana: samordnat stöd', [soc], 50);

    const note = async (
      id: string | null,
      caseId: string,
      org: string,
      by: string,
      category: string,
      body: string,
      daysAgo: number,
    ) => {
      await em.query(
        `WITH nid AS (SELECT coalesce($1::uuid, gen_random_uuid()) AS id)
         INSERT INTO case_note (id, case_id, root_note_id, version, author_organisation_id, author_user_id, category, body, created_at)
         SELECT nid.id, $2, nid.id, 1, $3, $4, $5, $6, app_now() - make_interval(days => $7) FROM nid ON CONFLICT DO NOTHING`,
        [id, caseId, org, by, category, body, daysAgo],
      );
    };
    await note(
      D.alexSocialNoteId,
      D.alexCaseId,
      youth,
      coordinator,
      'SOCIAL',
      'Bor hos sin mamma, vill flytta hemifrån när han har ett jobb.',
      20,
    );
    await note(
      D.alexHealthNoteId,
      D.alexCaseId,
      youth,
      coordinator,
      'HEALTH',
      'Sömnsvårigheter; har kontakt med vårdcentralen.',
      15,
    );
    await note(
      null,
      D.alexCaseId,
      af,
      liaison,
      'EMPLOYMENT',
      'Inskriven hos Arbetsförmedlingen, intresserad av restaurangbiträde.',
      10,
    );
    await note(
      null,
      D.beaCaseId,
      youth,
      coordinator,
      'ACTIVITIES',
      'Har börjat på Öppen Hall på fredagar.',
      12,
    );
    await note(null, D.danaCaseId, soc, social, 'SOCIAL', 'Kontakt med familjen etablerad.', 40);

    // EOR: a challenging goal and sub-goals planned backwards from it.
    const goal: string = (await one(
      `INSERT INTO case_goal (case_id, description, target_date, responsible, created_by)
       VALUES ($1, 'Ha ett jobb inom restaurang före sommaren', app_today() + 90, 'YOUNG_PERSON', $2) RETURNING id`,
      [D.alexCaseId, coordinator],
    ))!;
    await em.query(
      `INSERT INTO case_goal (case_id, parent_goal_id, description, target_date, responsible, owner_organisation_id, created_by) VALUES
         ($1, $2, 'Utbildningskontrakt beslutat', app_today() + 60, 'ORGANISATION', $3, $5),
         ($1, $2, 'CV klart och tre ansökningar skickade', app_today() + 30, 'ORGANISATION', $4, $5)`,
      [D.alexCaseId, goal, af, youth, coordinator],
    );
    await em.query(
      `INSERT INTO case_goal (case_id, parent_goal_id, description, target_date, responsible, created_by)
       VALUES ($1, $2, 'Gå på två intervjuer', app_today() + 45, 'YOUNG_PERSON', $3)`,
      [D.alexCaseId, goal, coordinator],
    );
    const meeting: string = (await one(
      `INSERT INTO case_meeting (case_id, kind, scheduled_at, held_at, minutes, young_person_attended, created_by)
       VALUES ($1, 'SIP', app_now() - interval '14 days', app_now() - interval '14 days',
               'SIP med Alex, socialtjänsten och Arbetsförmedlingen. Mål satt enligt EOR.', true, $2) RETURNING id`,
      [D.alexCaseId, coordinator],
    ))!;
    await em.query(
      `INSERT INTO case_meeting_participant (meeting_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
      [meeting, [youth, soc, af]],
    );
    await em.query(
      `INSERT INTO case_meeting (case_id, kind, scheduled_at, created_by) VALUES ($1, 'FOLLOW_UP', app_now() + interval '7 days', $2)`,
      [D.alexCaseId, coordinator],
    );
    await em.query(
      `INSERT INTO case_task (case_id, title, owner_organisation_id, due_date, created_by) VALUES
         ($1, 'Boka möte om utbildningskontrakt', $2, app_today() + 5, $3),
         ($1, 'Följ upp ansökningarna med Alex', $4, app_today() - 2, $3)`,
      [D.alexCaseId, af, coordinator, youth],
    );

    const referral = async (
      id: string,
      caseId: string,
      yp: string,
      receiver: string,
      purpose: string,
      shared: string[],
      state: string,
      dueInDays: number,
      extra: {
        activity?: string;
        decline?: string;
        outcome?: string;
        from?: { org: string; user: string };
      } = {},
    ) => {
      const sender = extra.from ?? { org: youth, user: coordinator };
      await em.query(
        `INSERT INTO referral (id, case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
            receiver_organisation_id, purpose, activity, shared_categories, response_due_date, state, decline_reason, outcome_code,
            receiver_note, created_at)
         VALUES ($1, $2, $3, '1287', $4, $5, $6, $7, $8, $9, app_today() + $10::int, $11, $12, $13,
            CASE WHEN $11 <> 'SENT' THEN 'Mottagarens egen anteckning' END, app_now() - interval '20 days')
         ON CONFLICT DO NOTHING`,
        [
          id,
          caseId,
          yp,
          sender.org,
          sender.user,
          receiver,
          purpose,
          extra.activity ?? null,
          shared,
          dueInDays,
          state,
          extra.decline ?? null,
          extra.outcome ?? null,
        ],
      );
      const recv = receiver === af ? liaison : receiver === tff ? association : social;
      const steps: [string | null, string, string | null][] = [[null, 'SENT', null]];
      if (state === 'ACCEPTED' || state === 'COMPLETED') steps.push(['SENT', 'ACCEPTED', null]);
      if (state === 'COMPLETED') steps.push(['ACCEPTED', 'COMPLETED', extra.outcome!]);
      if (state === 'DECLINED') steps.push(['SENT', 'DECLINED', extra.decline!]);
      if (state === 'CANCELLED') steps.push(['SENT', 'CANCELLED', null]);
      for (const [i, [from, to, code]] of steps.entries()) {
        const byReceiver = to === 'ACCEPTED' || to === 'COMPLETED' || to === 'DECLINED';
        await em.query(
          `INSERT INTO referral_transition (referral_id, from_state, to_state, code, by_user_id, by_organisation_id, at)
           VALUES ($1, $2, $3, $4, $5, $6, app_now() - make_interval(days => $7))`,
          [
            id,
            from,
            to,
            code,
            byReceiver ? recv : sender.user,
            byReceiver ? receiver : sender.org,
            20 - i * 5,
          ],
        );
      }
      for (const category of shared)
        await em.query(
          `INSERT INTO referral_section (referral_id, young_person_id, sender_organisation_id, receiver_organisation_id, category, body)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [id, yp, sender.org, receiver, category, SECTION_TEXT[category] ?? 'Se ärendet'],
        );
      if (state === 'ACCEPTED' || state === 'COMPLETED')
        await em.query(
          `INSERT INTO case_participant (case_id, organisation_id, added_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [caseId, receiver, recv],
        );
    };
    await referral(
      D.referralSentOverdueId,
      D.alexCaseId,
      alex,
      soc,
      'SOCIAL_SUPPORT',
      ['SOCIAL'],
      'SENT',
      -3,
    );
    await referral(
      D.referralAcceptedId,
      D.alexCaseId,
      alex,
      af,
      'UTBILDNINGSKONTRAKT',
      ['EMPLOYMENT', 'IDENTITY'],
      'ACCEPTED',
      5,
    );
    await referral(
      D.referralCompletedId,
      D.alexCaseId,
      alex,
      tff,
      'ASSOCIATION_ACTIVITY',
      ['ACTIVITIES'],
      'COMPLETED',
      -5,
      { activity: 'Fotbollsträning tisdagar', outcome: 'JOINED_ACTIVITY' },
    );
    await referral(
      D.referralDeclinedId,
      D.beaCaseId,
      bea,
      af,
      'LONESTOD',
      ['EMPLOYMENT'],
      'DECLINED',
      -10,
      { decline: 'NOT_ELIGIBLE' },
    );
    await referral(
      D.referralSentToTffId,
      D.beaCaseId,
      bea,
      tff,
      'ASSOCIATION_ACTIVITY',
      ['ACTIVITIES'],
      'SENT',
      7,
      { activity: 'Öppen Hall, fredagar 20–24' },
    );
    await referral(
      D.referralFromSocialId,
      D.alexCaseId,
      alex,
      af,
      'LABOUR_OFFICE_OTHER',
      ['IDENTITY', 'SOCIAL'],
      'SENT',
      6,
      { from: { org: soc, user: social } },
    );
    await referral(
      D.referralCancelledId,
      D.caspianCaseId,
      caspian,
      soc,
      'SOCIAL_SUPPORT',
      ['SOCIAL'],
      'CANCELLED',
      3,
    );

    // Social services lost Dana's consent after accepting; it can still complete the loop.
    await referral(
      D.referralWithoutConsentId,
      D.danaCaseId,
      dana,
      soc,
      'SOCIAL_SUPPORT',
      ['SOCIAL'],
      'ACCEPTED',
      10,
    );

    // Caspian turned 18 with a guardian-only consent: the lead's re-consent task.
    await em.query(
      `INSERT INTO case_task (case_id, kind, title, owner_organisation_id, owner_user_id, due_date, consent_id)
       VALUES ($1, 'RE_CONSENT', 'Re-consent needed: the young person has turned 18', $2, $3, app_today() + 14, $4)
       ON CONFLICT DO NOTHING`,
      [D.caspianCaseId, youth, coordinator, D.caspianConsentId],
    );
    await em.query(
      `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id)
       VALUES ($1, $2, 'CONSENT_WITHDRAWN', 'CONSENT', $3)`,
      [social, soc, D.danaConsentId],
    );

    // Orosanmälan about Elin (14) from the school, received by social services.
    await em.query(
      `INSERT INTO concern_report (id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
          receiver_organisation_ids, description, immediate_danger, created_at)
       VALUES ($1, $2, '1287', $3, $4, ARRAY[$5]::uuid[], 'Elin har berättat att hon inte vågar gå hem efter skolan.', false, app_now() - interval '3 days')
       ON CONFLICT DO NOTHING`,
      [D.concernReportId, elin, school, counsellor, soc],
    );

    // Break the glass: the social worker may open records in an emergency; one opening
    // from yesterday waits on the auditors' review list.
    await em.query(
      `UPDATE app_user SET permissions = array(SELECT DISTINCT unnest(permissions || '{EMERGENCY_ACCESS}'::text[])) WHERE id = $1`,
      [social],
    );
    await em.query(
      `INSERT INTO emergency_access (id, user_id, organisation_id, young_person_id, case_id, municipality_code, reason, opened_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, '1287', 'Polisen larmade kvällstid: Bea var försvunnen och vi behövde kontaktuppgifter till nätverket.',
               app_now() - interval '1 day', app_now() - interval '20 hours') ON CONFLICT DO NOTHING`,
      [D.emergencyAccessId, social, soc, bea, D.beaCaseId],
    );
  },
};

const SECTION_TEXT: Record<string, string> = {
  SOCIAL: 'Behöver stöd med boende och ekonomi.',
  EMPLOYMENT: 'Vill arbeta inom restaurang; har gjort praktik på ett café.',
  IDENTITY: 'Alex Johansson, 19 år, Trelleborg.',
  ACTIVITIES: 'Gillar fotboll och vill träna i lag.',
};
