import { DEMO_CASES } from './cases.demo';
import type { DemoStep } from './demo-seed';
import { DEMO_YOUNG_PEOPLE } from './young-people.demo';

/** Records the examples in README.md refer to. */
export const DEMO_DATA_PROTECTION = {
  /** Alex: the young person whose register extract the README example produces. */
  extractYoungPersonId: DEMO_CASES.alexId,
  /** Ida: the association TFF read her record without any relation to her. */
  unusualReadYoungPersonId: DEMO_YOUNG_PEOPLE.unknownId,
  /** This week's log sample check, holding the association's read of Ida. */
  sampleCheckId: '00000000-0000-4000-8000-0c0000000870',
  sampleItemId: '00000000-0000-4000-8000-0c0000000871',
};

const D = DEMO_DATA_PROTECTION;

/**
 * One unusual read for the auditor's list: the association TFF opening Ida's record
 * although it has no case, consent or referral for her. (No extra users: the demo's user
 * list is fixed in demo-users.ts.)
 */
export const dataProtectionDemoStep: DemoStep = {
  name: 'data-protection',
  async run(em) {
    // An access-log row as the API would have written it for the association's read.
    await em.query(
      `INSERT INTO access_log (occurred_at, actor_user_id, actor_organisation_id, actor_municipality_code,
          subject_municipality_code, action, subject_type, subject_ids, young_person_ids, fields, legal_basis)
       SELECT app_now() - interval '2 days', u.id, u.organisation_id, u.municipality_code, '1287', 'READ',
              'YOUNG_PERSON', ARRAY[$1]::uuid[], ARRAY[$1]::uuid[], ARRAY['givenName','familyName','phone'], 'CONSENT'
         FROM app_user u WHERE u.email = 'association@trelleborg.demo'`,
      [D.unusualReadYoungPersonId],
    );
    // The auditor's sample check of the last week, drawn as the job would (one read: TFF's).
    await em.query(
      `INSERT INTO log_sample_check (id, municipality_code, period_start, period_end, sample_size, drawn_by_user_id)
       SELECT $1, '1287', app_today() - 7, app_today() + 1, 1, u.id FROM app_user u
        WHERE u.email = 'auditor@trelleborg.demo' ON CONFLICT DO NOTHING`,
      [D.sampleCheckId],
    );
    await em.query(
      `INSERT INTO log_sample_item (id, check_id, access_log_id)
       SELECT $1, $2, max(l.id) FROM access_log l
        WHERE l.subject_type = 'YOUNG_PERSON' AND l.young_person_ids = ARRAY[$3]::uuid[]
       HAVING max(l.id) IS NOT NULL ON CONFLICT DO NOTHING`,
      [D.sampleItemId, D.sampleCheckId, D.unusualReadYoungPersonId],
    );
  },
};
