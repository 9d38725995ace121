import { EntityManager } from 'typeorm';
import { luhnCheckDigit } from '../young-people/personal-number';
import type { DemoStep } from './demo-seed';
import { addDays, addYears } from '../core/clock/stockholm-calendar';
import { FLAG_CONSENT_PURPOSE } from '../schools/risk-flags/flag-consent';

const TBG_SCHOOL = '00000000-0000-4000-8000-128700000002';
const TBG_YOUTH = '00000000-0000-4000-8000-128700000001';
const MMO_SCHOOL = '00000000-0000-4000-8000-128000000002';
const MMO_YOUTH = '00000000-0000-4000-8000-128000000001';

/** Records the README examples in README.md refer to. */
export const DEMO_SCHOOLS = {
  /** Alice, Söderslättsgymnasiet: enrolled, no flag yet. */
  unflaggedStudentId: '00000000-0000-4000-8000-5c0000000606',
  /** Noah's flag: OPEN, not shared (invisible to the youth team). */
  openFlagId: '00000000-0000-4000-8000-5c0000001600',
  /** Saga's flag: MEETING_BOOKED, shared with Trelleborg's youth team by her consent. */
  sharedFlagId: '00000000-0000-4000-8000-5c0000001601',
  /** Ella's flag: PLAN_AGREED after a held meeting, shared. */
  planAgreedFlagId: '00000000-0000-4000-8000-5c0000001602',
  /** Malmö Borgarskola's drop-out notice for Elias, a Trelleborg student: not yet acknowledged. */
  malmoNoticeForTrelleborgId: '00000000-0000-4000-8000-5c0000002620',
  /** Söderslättsgymnasiet's significant-absence notice for Maja (escalated flag): not yet acknowledged. */
  absenceNoticeId: '00000000-0000-4000-8000-5c0000002604',
  /** coordinator@trelleborg.demo's unread NOTICE_RECEIVED for the Malmö notice. */
  noticeNotificationId: '00000000-0000-4000-8000-5c0000003620',
};

interface DemoStudent {
  serial: number;
  id?: string;
  givenName: string;
  familyName: string;
  age: number;
  home: string;
  school: string;
}

const STUDENTS: DemoStudent[] = [
  {
    serial: 600,
    givenName: 'Noah',
    familyName: 'Persson',
    age: 16,
    home: '1287',
    school: TBG_SCHOOL,
  },
  {
    serial: 601,
    givenName: 'Saga',
    familyName: 'Johansson',
    age: 17,
    home: '1287',
    school: TBG_SCHOOL,
  },
  {
    serial: 602,
    givenName: 'Ella',
    familyName: 'Karlsson',
    age: 16,
    home: '1287',
    school: TBG_SCHOOL,
  },
  {
    serial: 603,
    givenName: 'Hugo',
    familyName: 'Olsson',
    age: 18,
    home: '1287',
    school: TBG_SCHOOL,
  },
  {
    serial: 604,
    givenName: 'Maja',
    familyName: 'Svensson',
    age: 17,
    home: '1287',
    school: TBG_SCHOOL,
  },
  {
    serial: 605,
    givenName: 'Oscar',
    familyName: 'Lindqvist',
    age: 18,
    home: '1287',
    school: TBG_SCHOOL,
  },
  {
    serial: 606,
    id: DEMO_SCHOOLS.unflaggedStudentId,
    givenName: 'Alice',
    familyName: 'Berg',
    age: 16,
    home: '1287',
    school: TBG_SCHOOL,
  },
  {
    serial: 620,
    givenName: 'Elias',
    familyName: 'Nilsson',
    age: 17,
    home: '1287',
    school: MMO_SCHOOL,
  },
  {
    serial: 621,
    givenName: 'Ebba',
    familyName: 'Mohammadi',
    age: 17,
    home: '1280',
    school: MMO_SCHOOL,
  },
  {
    serial: 622,
    givenName: 'Adam',
    familyName: 'Jovanovic',
    age: 19,
    home: '1280',
    school: MMO_SCHOOL,
  },
  { serial: 623, givenName: 'Leo', familyName: 'Ahmed', age: 16, home: '1287', school: MMO_SCHOOL },
];

/** Birth date `age` years and a serial-dependent number of days before today. */
function birthDate(today: string, age: number, serial: number): string {
  return addDays(addYears(today, -age), -20 - (serial % 150));
}

function personalNumber(born: string, serial: number): string {
  const iso = born.replace(/-/g, '');
  const nine = `${iso.slice(2)}${serial}`;
  return `${iso}${serial}${luhnCheckDigit(nine)}`;
}

/**
 * Söderslättsgymnasiet (Trelleborg) and Malmö Borgarskola with students, risk flags in
 * every state (some shared by a consent record naming the home youth team), notices sent and acknowledged — including a
 * Malmö school's notice for a Trelleborg student — and the notifications they caused.
 */
export const schoolsDemoStep: DemoStep = {
  name: 'schools',
  async run(em, clock) {
    const users = await userIds(em);
    const ids = new Map<number, string>();
    for (const s of STUDENTS) ids.set(s.serial, await upsertStudent(em, s, clock.today()));
    const yp = (serial: number) => ids.get(serial)!;
    const tbgCounsellor = users['counsellor@trelleborg.demo'];
    const mmoCounsellor = users['counsellor@malmo.demo'];

    const flag = (f: FlagSpec) => insertFlag(em, f);
    await flag({
      id: DEMO_SCHOOLS.openFlagId,
      youngPersonId: yp(600),
      school: TBG_SCHOOL,
      municipality: '1287',
      by: tbgCounsellor,
      indicators: ['HIGH_ABSENCE', 'FAILING_COURSES'],
      absence: 28,
      severity: 'MEDIUM',
      note: 'Frånvaron har ökat sedan höstlovet, två kurser riskerar F.',
      status: 'OPEN',
      daysAgo: 4,
    });
    await flag({
      id: DEMO_SCHOOLS.sharedFlagId,
      youngPersonId: yp(601),
      school: TBG_SCHOOL,
      municipality: '1287',
      by: tbgCounsellor,
      indicators: ['WANTS_TO_QUIT', 'WELLBEING'],
      severity: 'HIGH',
      note: 'Vill byta till praktik, har pratat om att hoppa av.',
      status: 'MEETING_BOOKED',
      daysAgo: 9,
      consent: { givenBy: 'YOUNG_PERSON', method: 'WRITTEN', daysAgo: 8, shareWith: '1287' },
      meetings: [
        { inDays: 3, status: 'BOOKED', participants: ['elev', 'mentor', 'ungdomskoordinator'] },
      ],
    });
    await flag({
      id: DEMO_SCHOOLS.planAgreedFlagId,
      youngPersonId: yp(602),
      school: TBG_SCHOOL,
      municipality: '1287',
      by: tbgCounsellor,
      indicators: ['FAILING_COURSES', 'SOCIAL_SITUATION'],
      severity: 'MEDIUM',
      note: 'Studieplan med stödundervisning överenskommen.',
      status: 'PLAN_AGREED',
      daysAgo: 30,
      consent: { givenBy: 'YOUNG_PERSON', method: 'DIGITAL', daysAgo: 28, shareWith: '1287' },
      meetings: [
        {
          inDays: -12,
          status: 'HELD',
          participants: ['elev', 'vårdnadshavare', 'studie- och yrkesvägledare'],
        },
      ],
    });
    await flag({
      youngPersonId: yp(603),
      school: TBG_SCHOOL,
      municipality: '1287',
      by: tbgCounsellor,
      indicators: ['HIGH_ABSENCE'],
      absence: 22,
      severity: 'LOW',
      note: null,
      status: 'RESOLVED',
      daysAgo: 75,
      meetings: [{ inDays: -60, status: 'HELD', participants: ['elev', 'mentor'] }],
    });
    const escalated = await flag({
      youngPersonId: yp(604),
      school: TBG_SCHOOL,
      municipality: '1287',
      by: tbgCounsellor,
      indicators: ['HIGH_ABSENCE', 'WANTS_TO_QUIT'],
      absence: 55,
      severity: 'HIGH',
      note: 'Har inte kommit till skolan på tre veckor.',
      status: 'OPEN',
      daysAgo: 40,
      consent: {
        givenBy: 'YOUNG_PERSON',
        method: 'ORAL',
        daysAgo: 39,
        shareWith: '1287',
        withdrawnDaysAgo: 5,
      },
      meetings: [{ inDays: -20, status: 'CANCELLED', participants: ['elev', 'mentor'] }],
    });
    await flag({
      youngPersonId: yp(621),
      school: MMO_SCHOOL,
      municipality: '1280',
      by: mmoCounsellor,
      indicators: ['WELLBEING', 'OTHER'],
      severity: 'MEDIUM',
      note: 'Har svårt att komma igång efter sjukskrivning.',
      status: 'OPEN',
      daysAgo: 6,
      consent: { givenBy: 'YOUNG_PERSON', method: 'WRITTEN', daysAgo: 6, shareWith: '1280' },
    });

    const notice = (n: NoticeSpec) => insertNotice(em, users, n);
    await notice({
      id: DEMO_SCHOOLS.absenceNoticeId,
      youngPersonId: yp(604),
      school: TBG_SCHOOL,
      schoolMunicipality: '1287',
      home: '1287',
      by: tbgCounsellor,
      kind: 'SIGNIFICANT_ABSENCE',
      reason: 'STUDY_MOTIVATION',
      leftWithPlan: false,
      daysAgo: 2,
      riskFlagId: escalated,
    });
    await notice({
      youngPersonId: yp(605),
      school: TBG_SCHOOL,
      schoolMunicipality: '1287',
      home: '1287',
      by: tbgCounsellor,
      kind: 'DROPPED_OUT',
      reason: 'WORK',
      leftWithPlan: true,
      daysAgo: 20,
      acknowledgedDaysAgo: 19,
    });
    await notice({
      id: DEMO_SCHOOLS.malmoNoticeForTrelleborgId,
      youngPersonId: yp(620),
      school: MMO_SCHOOL,
      schoolMunicipality: '1280',
      home: '1287',
      by: mmoCounsellor,
      kind: 'DROPPED_OUT',
      reason: 'WRONG_PROGRAMME',
      leftWithPlan: false,
      daysAgo: 1,
    });
    // A fixed id, so the README can mark this notification read.
    await em.query(
      `UPDATE notification SET id = $1 WHERE id = (SELECT id FROM notification
         WHERE subject_id = $2 AND recipient_user_id = $3 LIMIT 1)`,
      [
        DEMO_SCHOOLS.noticeNotificationId,
        DEMO_SCHOOLS.malmoNoticeForTrelleborgId,
        users['coordinator@trelleborg.demo'],
      ],
    );
    await notice({
      youngPersonId: yp(622),
      school: MMO_SCHOOL,
      schoolMunicipality: '1280',
      home: '1280',
      by: mmoCounsellor,
      kind: 'DROPPED_OUT',
      reason: 'PERSONAL_SITUATION',
      leftWithPlan: true,
      daysAgo: 35,
      acknowledgedDaysAgo: 33,
    });
    await notice({
      youngPersonId: yp(623),
      school: MMO_SCHOOL,
      schoolMunicipality: '1280',
      home: '1287',
      by: mmoCounsellor,
      kind: 'SIGNIFICANT_ABSENCE',
      reason: 'UNKNOWN',
      leftWithPlan: false,
      daysAgo: 12,
      acknowledgedDaysAgo: 11,
    });
  },
};

async function userIds(em: EntityManager): Promise<Record<string, string>> {
  const rows: { id: string; email: string }[] = await em.query(
    `SELECT id, email FROM app_user WHERE email = ANY($1)`,
    [
      [
        'counsellor@trelleborg.demo',
        'counsellor@malmo.demo',
        'coordinator@trelleborg.demo',
        'coordinator@malmo.demo',
      ],
    ],
  );
  return Object.fromEntries(rows.map((r) => [r.email, r.id]));
}

async function upsertStudent(em: EntityManager, s: DemoStudent, today: string): Promise<string> {
  const born = birthDate(today, s.age, s.serial);
  const pn = personalNumber(born, s.serial);
  await em.query(
    `INSERT INTO young_person (id, personal_number, birth_date, given_name, family_name, home_municipality_code)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6)
     ON CONFLICT (personal_number) WHERE NOT is_possible_duplicate DO NOTHING`,
    [s.id ?? null, pn, born, s.givenName, s.familyName, s.home],
  );
  const [{ id }]: { id: string }[] = await em.query(
    `SELECT id FROM young_person WHERE personal_number = $1`,
    [pn],
  );
  await em.query(
    `INSERT INTO schooling (young_person_id, school_organisation_id, school_name, programme_code, programme_type, start_date, status)
     SELECT $1, o.id, o.name, $3, 'NATIONAL', date_trunc('year', app_now() - interval '8 months')::date + 230, 'ACTIVE'
       FROM organisation o WHERE o.id = $2
        AND NOT EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = $1 AND s.school_organisation_id = $2)`,
    [id, s.school, s.serial % 2 ? 'SA' : 'EE'],
  );
  return id;
}

interface FlagSpec {
  id?: string;
  youngPersonId: string;
  school: string;
  municipality: string;
  by: string;
  indicators: string[];
  absence?: number;
  severity: string;
  note: string | null;
  status: string;
  daysAgo: number;
  consent?: {
    givenBy: string;
    method: string;
    daysAgo: number;
    shareWith: string;
    withdrawnDaysAgo?: number;
  };
  meetings?: { inDays: number; status: string; participants: string[] }[];
}

async function insertFlag(em: EntityManager, f: FlagSpec): Promise<string> {
  const c = f.consent;
  const [{ id }]: { id: string }[] = await em.query(
    `INSERT INTO risk_flag (id, young_person_id, school_organisation_id, school_municipality_code, indicators,
       absence_percentage, severity, note, status, status_changed_at, raised_by, responsible_user_id, created_at)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9, app_now() - make_interval(days => $10::int / 2),
       $11, $11, app_now() - make_interval(days => $10::int))
     RETURNING id`,
    [
      f.id ?? null,
      f.youngPersonId,
      f.school,
      f.municipality,
      f.indicators,
      f.absence ?? null,
      f.severity,
      f.note,
      f.status,
      f.daysAgo,
      f.by,
    ],
  );
  for (const m of f.meetings ?? []) {
    await em.query(
      `INSERT INTO preventive_meeting (risk_flag_id, meeting_at, participants, status, booked_by)
       VALUES ($1, date_trunc('hour', app_now()) + make_interval(days => $2::int), $3, $4, $5)`,
      [id, m.inDays, m.participants, m.status, f.by],
    );
  }
  if (c) {
    const consentId = await insertFlagConsent(em, f, c);
    await em.query(`UPDATE risk_flag SET consent_id = $2 WHERE id = $1`, [id, consentId]);
    await notifyYouthTeam(em, c.shareWith, 'FLAG_SHARED', 'RISK_FLAG', id, c.daysAgo, true);
    if (c.withdrawnDaysAgo !== undefined)
      await notifyYouthTeam(
        em,
        c.shareWith,
        'CONSENT_WITHDRAWN',
        'CONSENT',
        consentId,
        c.withdrawnDaysAgo,
        false,
      );
  }
  return id;
}

/** The consent record that shares a flag: category SCHOOL, naming the home youth team. */
async function insertFlagConsent(
  em: EntityManager,
  f: FlagSpec,
  c: NonNullable<FlagSpec['consent']>,
): Promise<string> {
  const [{ id }]: { id: string }[] = await em.query(
    `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
       documented_by_organisation_id, purpose, categories, valid_from, valid_until, created_at,
       withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id)
     VALUES ($1, $2, ARRAY[$3], $4, $5, $6, $7, ARRAY['SCHOOL'],
       stockholm_day_start(stockholm_date(app_now() - make_interval(days => $8::int))),
       app_now() + interval '1 year', app_now() - make_interval(days => $8::int),
       CASE WHEN $9::int IS NULL THEN NULL ELSE app_now() - make_interval(days => $9::int) END,
       CASE WHEN $9::int IS NULL THEN NULL ELSE 'YOUNG_PERSON' END,
       CASE WHEN $9::int IS NULL THEN NULL ELSE $5::uuid END)
     RETURNING id`,
    [
      f.youngPersonId,
      c.shareWith,
      c.givenBy,
      c.method,
      f.by,
      f.school,
      FLAG_CONSENT_PURPOSE,
      c.daysAgo,
      c.withdrawnDaysAgo ?? null,
    ],
  );
  await em.query(
    `INSERT INTO consent_recipient (consent_id, organisation_id)
     SELECT $1, o.id FROM organisation o WHERE o.municipality_code = $2 AND o.kind = 'YOUTH_TEAM'`,
    [id, c.shareWith],
  );
  return id;
}

interface NoticeSpec {
  id?: string;
  youngPersonId: string;
  school: string;
  schoolMunicipality: string;
  home: string;
  by: string;
  kind: string;
  reason: string;
  leftWithPlan: boolean;
  daysAgo: number;
  acknowledgedDaysAgo?: number;
  riskFlagId?: string;
}

async function insertNotice(
  em: EntityManager,
  users: Record<string, string>,
  n: NoticeSpec,
): Promise<void> {
  const acknowledger =
    n.acknowledgedDaysAgo === undefined
      ? null
      : users[n.home === '1287' ? 'coordinator@trelleborg.demo' : 'coordinator@malmo.demo'];
  let kaaPeriodId: string | null = null;
  if (acknowledger && n.kind === 'DROPPED_OUT') {
    await em.query(
      `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, responsible_user_id, created_by)
       VALUES ($1, $2, (app_now() - make_interval(days => $3::int))::date, 'INTERRUPTED_STUDIES', $4, $4)
       ON CONFLICT (young_person_id, municipality_code) WHERE exit_date IS NULL DO NOTHING`,
      [n.youngPersonId, n.home, n.acknowledgedDaysAgo, acknowledger],
    );
    const [open]: { id: string }[] = await em.query(
      `SELECT id FROM kaa_period WHERE young_person_id = $1 AND municipality_code = $2 AND exit_date IS NULL`,
      [n.youngPersonId, n.home],
    );
    kaaPeriodId = open.id;
    await em.query(
      `UPDATE schooling SET status = 'INTERRUPTED', end_date = GREATEST((app_now() - make_interval(days => $3::int + 1))::date, start_date)
        WHERE young_person_id = $1 AND school_organisation_id = $2 AND status = 'ACTIVE'`,
      [n.youngPersonId, n.school, n.daysAgo],
    );
  }
  const [{ id }]: { id: string }[] = await em.query(
    `INSERT INTO school_notice (id, young_person_id, school_organisation_id, school_municipality_code, home_municipality_code,
       kind, last_attendance_date, reason_category, left_with_plan, risk_flag_id, sent_by, sent_at, status,
       acknowledged_at, acknowledged_by, kaa_period_id)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, (app_now() - make_interval(days => $7::int + 1))::date,
       $8, $9, $10, $11, app_now() - make_interval(days => $7::int),
       CASE WHEN $12::int IS NULL THEN 'SENT' ELSE 'ACKNOWLEDGED' END,
       CASE WHEN $12::int IS NULL THEN NULL ELSE app_now() - make_interval(days => $12::int) END, $13, $14)
     RETURNING id`,
    [
      n.id ?? null,
      n.youngPersonId,
      n.school,
      n.schoolMunicipality,
      n.home,
      n.kind,
      n.daysAgo,
      n.reason,
      n.leftWithPlan,
      n.riskFlagId ?? null,
      n.by,
      n.acknowledgedDaysAgo ?? null,
      acknowledger,
      kaaPeriodId,
    ],
  );
  if (n.riskFlagId) {
    await em.query(
      `UPDATE risk_flag SET status = 'ESCALATED', escalated_notice_id = $2, status_changed_at = app_now() - make_interval(days => $3::int) WHERE id = $1`,
      [n.riskFlagId, id, n.daysAgo],
    );
  }
  const acknowledged = n.acknowledgedDaysAgo !== undefined;
  await notifyYouthTeam(
    em,
    n.home,
    'NOTICE_RECEIVED',
    'SCHOOL_NOTICE',
    id,
    n.daysAgo,
    acknowledged,
  );
  if (acknowledged) {
    await em.query(
      `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id, created_at, read_at)
       VALUES ($1, $2, 'NOTICE_ACKNOWLEDGED', 'SCHOOL_NOTICE', $3, app_now() - make_interval(days => $4::int), NULL)`,
      [n.by, n.school, id, n.acknowledgedDaysAgo],
    );
  }
}

async function notifyYouthTeam(
  em: EntityManager,
  municipality: string,
  kind: string,
  subjectType: string,
  subjectId: string,
  daysAgo: number,
  read: boolean,
): Promise<void> {
  await em.query(
    `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id, created_at, read_at)
     SELECT u.id, u.organisation_id, $3, $4, $5, app_now() - make_interval(days => $6::int),
            CASE WHEN $7 THEN app_now() - make_interval(days => $6::int) + interval '2 hours' END
       FROM app_user u WHERE u.organisation_id = $1 AND u.active AND 'YOUTH_COORDINATOR' = ANY(u.roles)
        AND $2 = (SELECT municipality_code FROM organisation WHERE id = $1)`,
    [
      municipality === '1287' ? TBG_YOUTH : MMO_YOUTH,
      municipality,
      kind,
      subjectType,
      subjectId,
      daysAgo,
      read,
    ],
  );
}
