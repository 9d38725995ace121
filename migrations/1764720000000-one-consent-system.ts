import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One consent system (DESIGN §4, §6): the consent that shares a risk flag with the home
 * municipality's youth team becomes an ordinary consent record (category SCHOOL, naming
 * the youth team, documented by the school), so the municipality's age policy, withdrawal
 * and its notifications apply to it as to any consent. Each flag consent kept on the flag
 * is converted and linked through risk_flag.consent_id; then the flag's own consent
 * columns go.
 */
export class OneConsentSystem1764720000000 implements MigrationInterface {
  name = 'OneConsentSystem1764720000000';

  async up(q: QueryRunner): Promise<void> {
    // A consent_id that points nowhere was never a link: such flags are converted too.
    await q.query(`
      CREATE TEMP TABLE flag_consent_map ON COMMIT DROP AS
      SELECT f.id AS flag_id, gen_random_uuid() AS consent_id
        FROM risk_flag f
       WHERE f.consent_recorded_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.id = f.consent_id)`);
    await q.query(`
      INSERT INTO consent (id, young_person_id, municipality_code, given_by, method,
        documented_by_user_id, documented_by_organisation_id, purpose, categories,
        valid_from, valid_until, withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id, created_at)
      SELECT m.consent_id, f.young_person_id, f.shared_with_municipality_code,
             ${GIVEN_BY}, f.consent_method,
             coalesce(f.consent_recorded_by, f.raised_by), f.school_organisation_id,
             '${FLAG_CONSENT_PURPOSE}', ARRAY['SCHOOL'],
             v.valid_from,
             -- Without an end date it lasts as a new one does (flagConsentEnd in flag-consent.ts):
             -- to the 20th birthday (29 February: 1 March, as birthday()), at least a year.
             greatest(coalesce(stockholm_day_start(f.consent_valid_until),
                               stockholm_day_start(greatest(
                                 (yp.birth_date - 1 + interval '20 years')::date + 1,
                                 (f.consent_given_on + interval '1 year')::date))),
                      v.valid_from + interval '1 day'),
             f.consent_withdrawn_at,
             CASE WHEN f.consent_withdrawn_at IS NULL THEN NULL
                  WHEN f.consent_given_by = 'YOUNG_PERSON' THEN 'YOUNG_PERSON' ELSE 'GUARDIAN' END,
             CASE WHEN f.consent_withdrawn_at IS NULL THEN NULL
                  ELSE coalesce(f.consent_withdrawal_recorded_by, f.consent_recorded_by, f.raised_by) END,
             f.consent_recorded_at
        FROM flag_consent_map m
        JOIN risk_flag f ON f.id = m.flag_id
        JOIN young_person yp ON yp.id = f.young_person_id
        CROSS JOIN LATERAL (SELECT least(stockholm_day_start(f.consent_given_on), f.consent_recorded_at) AS valid_from) v`);
    await q.query(`
      INSERT INTO consent_recipient (consent_id, organisation_id)
      SELECT m.consent_id, o.id
        FROM flag_consent_map m
        JOIN risk_flag f ON f.id = m.flag_id
        JOIN organisation o ON o.municipality_code = f.shared_with_municipality_code AND o.kind = 'YOUTH_TEAM'`);
    await q.query(`
      UPDATE risk_flag f SET consent_id = m.consent_id FROM flag_consent_map m WHERE f.id = m.flag_id`);
    await q.query(`UPDATE risk_flag f SET consent_id = NULL
                    WHERE consent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.id = f.consent_id)`);
    // Dropping the columns drops their CHECKs, foreign keys and the shared-flags index.
    await q.query(`
      ALTER TABLE risk_flag
        DROP COLUMN consent_given_by,
        DROP COLUMN consent_method,
        DROP COLUMN consent_given_on,
        DROP COLUMN consent_valid_until,
        DROP COLUMN consent_recorded_by,
        DROP COLUMN consent_recorded_at,
        DROP COLUMN consent_withdrawn_at,
        DROP COLUMN consent_withdrawal_recorded_by,
        DROP COLUMN shared_with_municipality_code`);
    await q.query(`
      ALTER TABLE risk_flag ADD CONSTRAINT risk_flag_consent_fk
        FOREIGN KEY (consent_id) REFERENCES consent(id) ON DELETE SET NULL`);
    await q.query(
      `CREATE INDEX risk_flag_consent_idx ON risk_flag (consent_id) WHERE consent_id IS NOT NULL`,
    );
  }

  /** The flag's own columns again, filled from the linked consent records (which stay). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX risk_flag_consent_idx`);
    await q.query(`ALTER TABLE risk_flag DROP CONSTRAINT risk_flag_consent_fk`);
    await q.query(`
      ALTER TABLE risk_flag
        ADD COLUMN consent_given_by text CHECK (consent_given_by IN ('YOUNG_PERSON','GUARDIAN','BOTH_GUARDIANS')),
        ADD COLUMN consent_method text CHECK (consent_method IN ('WRITTEN','ORAL','DIGITAL')),
        ADD COLUMN consent_given_on date,
        ADD COLUMN consent_valid_until date,
        ADD COLUMN consent_recorded_by uuid REFERENCES app_user(id),
        ADD COLUMN consent_recorded_at timestamptz,
        ADD COLUMN consent_withdrawn_at timestamptz,
        ADD COLUMN consent_withdrawal_recorded_by uuid REFERENCES app_user(id),
        ADD COLUMN shared_with_municipality_code char(4) REFERENCES municipality(code)`);
    await q.query(`
      UPDATE risk_flag f SET
        consent_given_by = CASE WHEN 'YOUNG_PERSON' = ANY(c.given_by) THEN 'YOUNG_PERSON'
                                WHEN 'BOTH_GUARDIANS' = ANY(c.given_by) THEN 'BOTH_GUARDIANS'
                                ELSE 'GUARDIAN' END,
        consent_method = c.method,
        consent_given_on = stockholm_date(c.valid_from),
        consent_valid_until = stockholm_date(c.valid_until),
        consent_recorded_by = c.documented_by_user_id,
        consent_recorded_at = c.created_at,
        consent_withdrawn_at = c.withdrawn_at,
        consent_withdrawal_recorded_by = c.withdrawal_recorded_by_user_id,
        shared_with_municipality_code = c.municipality_code
        FROM consent c WHERE c.id = f.consent_id`);
    await q.query(`
      ALTER TABLE risk_flag
        ADD CHECK ((consent_recorded_at IS NULL) = (consent_given_by IS NULL)
           AND (consent_recorded_at IS NULL) = (consent_method IS NULL)
           AND (consent_recorded_at IS NULL) = (consent_given_on IS NULL)
           AND (consent_recorded_at IS NULL) = (shared_with_municipality_code IS NULL)),
        ADD CHECK (consent_withdrawn_at IS NULL OR consent_recorded_at IS NOT NULL)`);
    await q.query(
      `CREATE INDEX risk_flag_shared_idx ON risk_flag (shared_with_municipality_code, created_at DESC, id)
         WHERE consent_withdrawn_at IS NULL AND shared_with_municipality_code IS NOT NULL`,
    );
  }
}

/** The consent table's givers for the flag's single one. */
const GIVEN_BY = `CASE f.consent_given_by WHEN 'YOUNG_PERSON' THEN ARRAY['YOUNG_PERSON']
                                           WHEN 'GUARDIAN' THEN ARRAY['ONE_GUARDIAN']
                                           ELSE ARRAY['BOTH_GUARDIANS'] END`;

/** As FLAG_CONSENT_PURPOSE in src/schools/risk-flags/flag-consent.ts (a migration never imports src). */
const FLAG_CONSENT_PURPOSE = 'Avhoppsrisk delas med hemkommunens ungdomsteam';
