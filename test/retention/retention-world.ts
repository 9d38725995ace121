import { luhnCheckDigit } from '../../src/young-people/personal-number';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { TestApp } from '../support/test-app';

/**
 * A municipality whose people carry unique markers in every free-text column: NAME-<tag>
 * in the names, TEXT-<tag> in every note, minute, body and address. After a purge the
 * test scans every table for the markers of the purged people.
 */
export interface RetentionWorld {
  code: string;
  org: Record<OrganisationKind, string>;
  coordinator: TestUser;
  manager: TestUser;
  socialWorker: TestUser;
  counsellor: TestUser;
}

export async function createRetentionWorld(t: TestApp, code: string): Promise<RetentionWorld> {
  const w = await createWorld(t, code);
  const coordinator = await createUser(t, w.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
  // The coordinator may see protected identities: so the test sees what a purge leaves.
  await t.db.query(`UPDATE app_user SET permissions = '{PROTECTED_IDENTITY}' WHERE id = $1`, [
    coordinator.id,
  ]);
  return {
    code,
    org: w.org,
    coordinator,
    manager: await createUser(t, w.org.YOUTH_TEAM, [Role.MANAGER]),
    socialWorker: await createUser(t, w.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]),
    counsellor: await createUser(t, w.org.SCHOOL, [Role.COUNSELLOR]),
  };
}

let serial = 100;

/** A valid personnummer for the birth date (serial unique within the test run). */
export function personalNumberFor(birthDate: string): string {
  const yymmdd = birthDate.slice(2, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10);
  const s = String(serial++).padStart(3, '0');
  return `${birthDate.replace(/-/g, '')}${s}${luhnCheckDigit(yymmdd + s)}`;
}

export interface PersonSpec {
  tag: string;
  birthDate: string;
  protectedIdentity?: boolean;
  /** Register periods; exit null = open. */
  periods?: { entry: string; exit: string | null; reason?: string }[];
  /** Joint case: closed at this instant, or open when null; none when undefined. */
  caseClosedAt?: string | null;
  /** Resolved flag / acknowledged notice at this instant; open when null; none when undefined. */
  flagResolvedAt?: string | null;
  noticeAcknowledgedAt?: string | null;
}

export interface Person {
  id: string;
  tag: string;
  pnr: string;
  caseId: string | null;
  referralId: string | null;
}

/** Inserts a person and one of every kind of record about them. */
export async function createPerson(
  t: TestApp,
  w: RetentionWorld,
  spec: PersonSpec,
): Promise<Person> {
  const q = async (sql: string, params: unknown[]) => (await t.db.query(sql, params)).rows;
  const text = (what: string) => `TEXT-${spec.tag} ${what}`;
  const pnr = personalNumberFor(spec.birthDate);
  const [{ id }] = await q(
    `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code,
       street_address, postal_code, city, phone, email, protected_identity)
     VALUES ($1, $2, $3, $3, $4, $5, '23100', 'Trelleborg', '0700000001', $6, $7) RETURNING id`,
    [
      pnr,
      spec.birthDate,
      `NAME-${spec.tag}`,
      w.code,
      text('address'),
      `text-${spec.tag.toLowerCase()}@example.org`,
      spec.protectedIdentity ?? false,
    ],
  );
  await q(`INSERT INTO guardian (young_person_id, name, phone) VALUES ($1, $2, '0700000002')`, [
    id,
    text('guardian'),
  ]);
  await q(
    `INSERT INTO schooling (young_person_id, school_organisation_id, school_name, programme_code,
       programme_type, start_date, end_date, status)
     VALUES ($1, $2, $3, 'NA', 'NATIONAL', $4::date + interval '16 years', $4::date + interval '17 years', 'INTERRUPTED')`,
    [id, w.org.SCHOOL, text('school'), spec.birthDate],
  );
  for (const p of spec.periods ?? []) {
    const [period] = await q(
      `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason)
       VALUES ($1, $2, $3, 'INTERRUPTED_STUDIES', $4, $5) RETURNING id`,
      [id, w.code, p.entry, p.exit, p.exit ? (p.reason ?? 'TURNED_20') : null],
    );
    await q(
      `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source, note)
       VALUES ($1, $2, 'NOTHING', $3, 'YOUNG_PERSON', $4)`,
      [id, w.code, p.entry, text('occupation')],
    );
    await q(
      `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, outcome, note)
       VALUES ($1, $2, 'HOME_VISIT', 'OUTBOUND', $3::date + interval '10 days 12 hours', 'REACHED', $4)`,
      [id, w.code, p.entry, text('contact')],
    );
    const [plan] = await q(
      `INSERT INTO kaa_plan (young_person_id, municipality_code, kaa_period_id) VALUES ($1, $2, $3) RETURNING id`,
      [id, w.code, period.id],
    );
    const [version] = await q(
      `INSERT INTO kaa_plan_version (plan_id, version, goal, description) VALUES ($1, 1, $2, $2) RETURNING id`,
      [plan.id, text('plan goal')],
    );
    await q(
      `INSERT INTO kaa_plan_responsibility (plan_version_id, position, party, task) VALUES ($1, 0, 'YOUNG_PERSON', $2)`,
      [version.id, text('task')],
    );
    const [measure] = await q(
      `INSERT INTO kaa_measure (young_person_id, municipality_code, kaa_period_id, plan_id, type, provider,
         description, offered_on, start_date, end_date, status, end_reason, end_note)
       VALUES ($1, $2, $3, $4, 'COACHING', 'Ungdomsteamet', $5, $6::date + 15, $6::date + 20, $6::date + 40,
         'COMPLETED', 'STARTED_WORK', $5) RETURNING id`,
      [id, w.code, period.id, plan.id, text('measure'), p.entry],
    );
    await q(
      `INSERT INTO kaa_closure (young_person_id, municipality_code, kaa_period_id, measure_id, kind, closed_on,
         occupation_title, occupation_field, note)
       VALUES ($1, $2, $3, $4, 'WORK', $5::date + 41, $6, 'HOTEL_RESTAURANT_CATERING', $6)`,
      [id, w.code, period.id, measure.id, p.entry, text('closure')],
    );
  }
  if (spec.flagResolvedAt !== undefined) {
    const resolved = spec.flagResolvedAt;
    const [flag] = await q(
      `INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators,
         severity, note, status, status_changed_at, raised_by, created_at)
       VALUES ($1, $2, $3, '{WELLBEING}', 'LOW', $4, $5, COALESCE($6::timestamptz, app_now()), $7,
         COALESCE($6::timestamptz, app_now()) - interval '30 days') RETURNING id`,
      [
        id,
        w.org.SCHOOL,
        w.code,
        text('flag'),
        resolved ? 'RESOLVED' : 'OPEN',
        resolved,
        w.counsellor.id,
      ],
    );
    await q(
      `INSERT INTO preventive_meeting (risk_flag_id, meeting_at, participants, status, booked_by)
       VALUES ($1, COALESCE($2::timestamptz, app_now()) - interval '20 days', ARRAY[$3], 'HELD', $4)`,
      [flag.id, resolved, text('mentor'), w.counsellor.id],
    );
  }
  if (spec.noticeAcknowledgedAt !== undefined) {
    const ack = spec.noticeAcknowledgedAt;
    await q(
      `INSERT INTO school_notice (young_person_id, school_organisation_id, school_municipality_code,
         home_municipality_code, kind, last_attendance_date, reason_category, left_with_plan, note, sent_by,
         sent_at, status, acknowledged_at, acknowledged_by)
       VALUES ($1, $2, $3, $3, 'DROPPED_OUT', (COALESCE($4::timestamptz, app_now()) - interval '10 days')::date,
         'OTHER', true, $5, $6, COALESCE($4::timestamptz, app_now()) - interval '5 days',
         CASE WHEN $4::timestamptz IS NULL THEN 'SENT' ELSE 'ACKNOWLEDGED' END, $4::timestamptz,
         CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE $7::uuid END)`,
      [id, w.org.SCHOOL, w.code, ack, text('notice'), w.counsellor.id, w.coordinator.id],
    );
  }
  let caseId: string | null = null;
  let referralId: string | null = null;
  if (spec.caseClosedAt !== undefined) {
    const closed = spec.caseClosedAt;
    const [c] = await q(
      `INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title,
         status, closure_outcome, closure_note, closed_at, closed_by, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4, COALESCE($9::timestamptz, app_now()) - interval '90 days')
       RETURNING id`,
      [
        id,
        w.code,
        w.org.SOCIAL_SERVICES,
        w.socialWorker.id,
        text('case'),
        closed ? 'CLOSED' : 'OPEN',
        closed ? 'WORK' : null,
        closed ? text('closure note') : null,
        closed,
        closed ? w.socialWorker.id : null,
      ],
    );
    caseId = c.id;
    await q(
      `INSERT INTO case_participant (case_id, organisation_id, role) VALUES ($1, $2, 'LEAD'), ($1, $3, 'PARTICIPANT')`,
      [caseId, w.org.SOCIAL_SERVICES, w.org.ASSOCIATION],
    );
    await q(
      `INSERT INTO case_note (id, case_id, root_note_id, version, author_organisation_id, author_user_id, category, body)
       SELECT g, $1, g, 1, $2, $3, 'SOCIAL', $4 FROM gen_random_uuid() g`,
      [caseId, w.org.SOCIAL_SERVICES, w.socialWorker.id, text('note')],
    );
    await q(
      `INSERT INTO case_meeting (case_id, kind, scheduled_at, held_at, minutes, created_by)
       VALUES ($1, 'FOLLOW_UP', app_now() - interval '3 years', app_now() - interval '3 years', $2, $3)`,
      [caseId, text('minutes'), w.socialWorker.id],
    );
    await q(
      `INSERT INTO case_goal (case_id, description, target_date, responsible, created_by)
       VALUES ($1, $2, app_today(), 'YOUNG_PERSON', $3)`,
      [caseId, text('goal'), w.socialWorker.id],
    );
    await q(
      `INSERT INTO case_task (case_id, title, owner_organisation_id, due_date, created_by)
       VALUES ($1, $2, $3, app_today(), $4)`,
      [caseId, text('case task'), w.org.SOCIAL_SERVICES, w.socialWorker.id],
    );
    const [r] = await q(
      `INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
         receiver_organisation_id, purpose, activity, shared_categories, response_due_date, state, receiver_note,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'ASSOCIATION_ACTIVITY', $7, '{SOCIAL,EMPLOYMENT}', app_today(), 'ACCEPTED', $7,
         COALESCE($8::timestamptz, app_now()) - interval '60 days', COALESCE($8::timestamptz, app_now()) - interval '50 days')
       RETURNING id`,
      [
        caseId,
        id,
        w.code,
        w.org.SOCIAL_SERVICES,
        w.socialWorker.id,
        w.org.ASSOCIATION,
        text('activity'),
        closed,
      ],
    );
    referralId = r.id;
    await q(
      `INSERT INTO referral_section (referral_id, young_person_id, sender_organisation_id, receiver_organisation_id,
         category, body)
       VALUES ($1, $2, $3, $4, 'SOCIAL', $5), ($1, $2, $3, $4, 'EMPLOYMENT', $6)`,
      [
        referralId,
        id,
        w.org.SOCIAL_SERVICES,
        w.org.ASSOCIATION,
        text('withdrawn section'),
        text('in-force section'),
      ],
    );
  }
  await q(
    `INSERT INTO concern_report (young_person_id, municipality_code, sender_organisation_id, sender_user_id,
       receiver_organisation_ids, description)
     VALUES ($1, $2, $3, $4, ARRAY[$5::uuid], $6)`,
    [id, w.code, w.org.SCHOOL, w.counsellor.id, w.org.SOCIAL_SERVICES, text('concern')],
  );
  await q(
    `INSERT INTO emergency_access (user_id, organisation_id, young_person_id, municipality_code, reason,
       opened_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, app_now() - interval '3 years', app_now() - interval '3 years' + interval '4 hours')`,
    [w.socialWorker.id, w.org.SOCIAL_SERVICES, id, w.code, text('emergency reason, long enough')],
  );
  return { id, tag: spec.tag, pnr, caseId, referralId };
}

/** A consent naming the association: withdrawn `withdrawnDaysAgo` days ago, or in force. */
export async function createConsent(
  t: TestApp,
  w: RetentionWorld,
  person: Person,
  categories: string[],
  withdrawnDaysAgo: number | null,
): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
       documented_by_organisation_id, purpose, categories, valid_from, valid_until, withdrawn_at, withdrawn_by,
       withdrawal_recorded_by_user_id, withdrawal_reason)
     VALUES ($1, $2, '{YOUNG_PERSON}', 'WRITTEN', $3, $4, $5, $6, app_now() - interval '2 years',
       app_now() + interval '1 year', app_now() - make_interval(days => $7), CASE WHEN $7 IS NULL THEN NULL ELSE 'YOUNG_PERSON' END,
       CASE WHEN $7 IS NULL THEN NULL ELSE $3::uuid END, CASE WHEN $7 IS NULL THEN NULL ELSE $5 END)
     RETURNING id`,
    [
      person.id,
      w.code,
      w.socialWorker.id,
      w.org.SOCIAL_SERVICES,
      `TEXT-${person.tag} consent ${categories.join(',')}`,
      categories,
      withdrawnDaysAgo,
    ],
  );
  await t.db.query(`INSERT INTO consent_recipient (consent_id, organisation_id) VALUES ($1, $2)`, [
    rows[0].id,
    w.org.ASSOCIATION,
  ]);
  return rows[0].id;
}

/** Tables (and row counts) in which the text occurs anywhere in a row, access_log excluded. */
export async function tablesContaining(t: TestApp, needle: string): Promise<string[]> {
  const { rows: tables } = await t.db.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const found: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM ${table_name} x WHERE x::text LIKE $1`,
      [`%${needle}%`],
    );
    if (rows[0].n > 0) found.push(`${table_name}:${rows[0].n}`);
  }
  return found;
}
