/**
 * Writes a generated world (oracle.ts) straight into the database in one batch of SQL,
 * and clears it again, so thousands of worlds fit in one test app. Times are relative to
 * the app's pinned clock (app_now()), dates are the world's own (Stockholm) dates.
 */
import { World } from './oracle';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: string[], type = 'text') =>
  xs.length ? `ARRAY[${xs.map(q).join(',')}]::${type}[]` : `'{}'::${type}[]`;
const orNull = (s: string | null) => (s === null ? 'NULL' : q(s));

/** Multi-row INSERT of one table, or nothing when there are no rows. */
function insert(table: string, columns: string, rows: string[][]): string[] {
  if (!rows.length) return [];
  return [
    `INSERT INTO ${table} (${columns}) VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}`,
  ];
}

/** The tables a world writes; municipalities stay (they are the same in every world). */
export const CLEAR_WORLD_SQL = `TRUNCATE consent_policy, organisation, app_user, young_person CASCADE`;

let personalNumberSeq = 0;

export function worldSql(w: World): string {
  const s: string[] = [];
  for (const [code, p] of Object.entries(w.policies))
    if (p)
      s.push(
        ...insert(
          'consent_policy',
          'municipality_code, own_consent_from_age, guardian_also_required, both_guardians_required',
          [
            [
              q(code),
              String(p.ownConsentFromAge),
              String(p.guardianAlsoRequired),
              String(p.bothGuardiansRequired),
            ],
          ],
        ),
      );
  s.push(
    ...insert(
      'organisation',
      'id, municipality_code, name, kind',
      w.orgs.map((o) => [q(o.id), q(o.municipality), q(`org ${o.id}`), q(o.kind)]),
    ),
  );
  s.push(
    ...insert(
      'app_user',
      'id, organisation_id, municipality_code, email, display_name, password_hash, roles, permissions',
      w.users.map((u) => [
        q(u.id),
        q(u.orgId),
        q(u.municipality),
        q(`w-${u.id}@test.example`),
        `'W'`,
        `'x'`,
        arr(u.roles),
        arr(u.permissions),
      ]),
    ),
  );
  s.push(
    ...insert(
      'young_person',
      'id, personal_number, birth_date, given_name, family_name, home_municipality_code, street_address, postal_code, city, phone, email, protected_identity',
      w.people.map((p) => [
        q(p.id),
        q(`19${String(++personalNumberSeq % 1e10).padStart(10, '0')}`),
        q(p.birthDate),
        `'Given'`,
        `'Family'`,
        q(p.home),
        `'Storgatan 1'`,
        `'23100'`,
        `'Stad'`,
        `'0701234567'`,
        `'yp@test.example'`,
        String(p.protectedIdentity),
      ]),
    ),
  );
  s.push(
    ...insert(
      'schooling',
      'id, young_person_id, school_organisation_id, school_name, programme_code, programme_type, start_date, end_date, status',
      w.schoolings.map((e) => [
        q(e.id),
        q(e.personId),
        q(e.schoolId),
        `'School'`,
        `'EK'`,
        `'NATIONAL'`,
        `app_today() - 400`,
        e.active ? 'NULL' : 'app_today() - 30',
        e.active ? `'ACTIVE'` : `'INTERRUPTED'`,
      ]),
    ),
  );
  s.push(
    ...insert(
      'kaa_period',
      'id, young_person_id, municipality_code, entry_date, entry_reason',
      w.kaa.map((k) => [
        q(k.periodId),
        q(k.personId),
        q(k.municipality),
        'app_today() - 20',
        `'INTERRUPTED_STUDIES'`,
      ]),
    ),
    ...insert(
      'kaa_period',
      'id, young_person_id, municipality_code, entry_date, entry_reason',
      w.handovers.map((h) => [
        q(h.periodId),
        q(h.personId),
        q(h.municipality),
        'app_today() - 40',
        `'NEVER_STARTED'`,
      ]),
    ),
    ...insert(
      'occupation',
      'id, young_person_id, municipality_code, category, valid_from, source',
      w.kaa.map((k) => [
        q(k.occupationId),
        q(k.personId),
        q(k.municipality),
        `'NOTHING'`,
        'app_today() - 10',
        `'HOME_VISIT'`,
      ]),
    ),
    ...insert(
      'kaa_measure',
      'id, young_person_id, municipality_code, kaa_period_id, type, provider, offered_on, status',
      w.kaa.map((k) => [
        q(k.measureId),
        q(k.personId),
        q(k.municipality),
        q(k.periodId),
        `'COACHING'`,
        `'Coach'`,
        'app_today() - 5',
        `'OFFERED'`,
      ]),
    ),
  );
  const window: Record<string, [string, string]> = {
    ACTIVE: ['-10 days', '30 days'],
    WITHDRAWN: ['-10 days', '30 days'],
    EXPIRED: ['-30 days', '-1 hour'],
    NOT_YET_VALID: ['2 days', '30 days'],
  };
  const homeOf = (personId: string) => w.people.find((p) => p.id === personId)!.home;
  s.push(
    ...insert(
      'consent',
      `id, young_person_id, municipality_code, given_by, method, documented_by_user_id, documented_by_organisation_id,
       purpose, categories, valid_from, valid_until, withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id`,
      w.consents.map((c) => {
        const [from, until] = window[c.state];
        const withdrawn = c.state === 'WITHDRAWN';
        return [
          q(c.id),
          q(c.personId),
          q(homeOf(c.personId)),
          arr(c.givenBy),
          `'WRITTEN'`,
          q(c.documenterUserId),
          q(c.documenterOrgId),
          `'p'`,
          arr(c.categories),
          `app_now() + interval '${from}'`,
          `app_now() + interval '${until}'`,
          withdrawn ? `app_now() - interval '1 hour'` : 'NULL',
          withdrawn ? `'YOUNG_PERSON'` : 'NULL',
          withdrawn ? q(c.documenterUserId) : 'NULL',
        ];
      }),
    ),
    ...insert(
      'consent_recipient',
      'consent_id, organisation_id',
      w.consents.flatMap((c) => c.recipients.map((r) => [q(c.id), q(r)])),
    ),
  );
  const muniOf = (orgId: string) => w.orgs.find((o) => o.id === orgId)!.municipality;
  s.push(
    ...insert(
      'joint_case',
      'id, young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by',
      w.cases.map((c) => [
        q(c.id),
        q(c.personId),
        q(muniOf(c.lead)),
        q(c.lead),
        q(c.leadUserId),
        `'t'`,
        q(c.leadUserId),
      ]),
    ),
    ...insert(
      'case_participant',
      'case_id, organisation_id, role',
      w.cases.flatMap((c) => [
        [q(c.id), q(c.lead), `'LEAD'`],
        ...c.participants.map((p) => [q(c.id), q(p), `'PARTICIPANT'`]),
      ]),
    ),
    ...insert(
      'case_note',
      'id, case_id, root_note_id, version, author_organisation_id, author_user_id, category, visibility, body',
      w.notes.map((n) => [
        q(n.id),
        q(n.caseId),
        q(n.id),
        '1',
        q(n.author),
        q(n.authorUserId),
        q(n.category),
        q(n.visibility),
        q(`note ${n.id}`),
      ]),
    ),
  );
  s.push(
    ...insert(
      'referral',
      `id, case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id, receiver_organisation_id,
       purpose, shared_categories, response_due_date, state, decline_reason, outcome_code, receiver_note`,
      w.referrals.map((r) => [
        q(r.id),
        q(r.caseId),
        q(r.personId),
        q(muniOf(r.sender)),
        q(r.sender),
        q(r.senderUserId),
        q(r.receiver),
        `'GUIDANCE'`,
        arr(r.sections),
        'app_today() + 7',
        q(r.state),
        r.state === 'DECLINED' ? `'OTHER'` : 'NULL',
        orNull(r.outcomeCode),
        orNull(r.receiverNote),
      ]),
    ),
    ...insert(
      'referral_section',
      'referral_id, young_person_id, sender_organisation_id, receiver_organisation_id, category, body',
      w.referrals.flatMap((r) =>
        r.sections.map((cat) => [
          q(r.id),
          q(r.personId),
          q(r.sender),
          q(r.receiver),
          q(cat),
          q(`section ${cat} ${r.id}`),
        ]),
      ),
    ),
  );
  s.push(
    ...insert(
      'risk_flag',
      'id, young_person_id, school_organisation_id, school_municipality_code, indicators, severity, raised_by',
      w.riskFlags.map((f) => [
        q(f.id),
        q(f.personId),
        q(f.schoolId),
        q(muniOf(f.schoolId)),
        `ARRAY['WELLBEING']`,
        `'MEDIUM'`,
        q(f.raisedBy),
      ]),
    ),
    ...insert(
      'school_notice',
      `id, young_person_id, school_organisation_id, school_municipality_code, home_municipality_code, kind,
       last_attendance_date, reason_category, left_with_plan, sent_by, sent_at`,
      w.notices.map((n) => [
        q(n.id),
        q(n.personId),
        q(n.schoolId),
        q(muniOf(n.schoolId)),
        q(n.homeMunicipality),
        `'SIGNIFICANT_ABSENCE'`,
        'app_today() - 3',
        `'UNKNOWN'`,
        'false',
        q(n.sentBy),
        `app_now() - interval '1 day'`,
      ]),
    ),
    ...insert(
      'concern_report',
      'id, young_person_id, municipality_code, sender_organisation_id, sender_user_id, receiver_organisation_ids, description',
      w.concernReports.map((r) => [
        q(r.id),
        q(r.personId),
        q(homeOf(r.personId)),
        q(r.sender),
        q(r.senderUserId),
        arr(r.receivers, 'uuid'),
        `'concern'`,
      ]),
    ),
  );
  const openedWindow: Record<string, [string, string, boolean]> = {
    ACTIVE: ['-1 hour', '2 hours', false],
    EXPIRED: ['-5 hours', '-1 hour', false],
    ENDED: ['-2 hours', '-30 minutes', true],
  };
  s.push(
    ...insert(
      'emergency_access',
      'id, user_id, organisation_id, young_person_id, municipality_code, opener_municipality_code, reason, opened_at, expires_at, ended_at',
      w.openings.map((o) => {
        const user = w.users.find((u) => u.id === o.userId)!;
        const [opened, expires, ended] = openedWindow[o.state];
        return [
          q(o.id),
          q(o.userId),
          q(user.orgId),
          q(o.personId),
          q(homeOf(o.personId)),
          q(user.municipality),
          `'an urgent written reason for this opening'`,
          `app_now() + interval '${opened}'`,
          `app_now() + interval '${expires}'`,
          ended ? `app_now() + interval '${expires}'` : 'NULL',
        ];
      }),
    ),
  );
  return s.join(';\n');
}
