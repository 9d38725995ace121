import { MigrationInterface, QueryRunner } from 'typeorm';

const ROW_NAMES_ITS_SUBJECTS = `array_position(subject_ids, NULL) IS NULL
  AND (cardinality(subject_ids) > 0
       OR (cardinality(young_person_ids) = 0
           AND (subject_type IN ('MONTHLY_REPORT', 'RETENTION_SETTING')
                OR (subject_type = 'USER' AND action = 'LOGIN_FAILED'))))`;

/**
 * An access-log row names what it is about: no NULL subject id, and at least one id.
 * The only rows without a subject record events about no record at all: an aggregate
 * report, a municipality's retention settings, and a failed login under an unknown name
 * (kept: it is evidence of guessing). Such rows name no young person either.
 *
 * The log is append-only and hash-chained, so rows written before this constraint (the
 * {NULL} rows of notice acknowledgements) can be neither fixed nor removed. They are
 * exempt by id: NOT VALID skips them now, and the id bound lets the sealer still fill
 * in the chain columns of one that was not sealed yet (a CHECK also applies to UPDATE).
 */
export class AccessLogSubjectIds1764600100000 implements MigrationInterface {
  name = 'AccessLogSubjectIds1764600100000';

  async up(q: QueryRunner): Promise<void> {
    const [{ last }]: { last: string }[] = await q.query(
      `SELECT coalesce(max(id), 0)::text AS last FROM access_log WHERE NOT (${ROW_NAMES_ITS_SUBJECTS})`,
    );
    const grandfathered = last === '0' ? '' : `id <= ${BigInt(last).toString()} OR `;
    await q.query(`
      ALTER TABLE access_log ADD CONSTRAINT access_log_subject_ids_check
        CHECK (${grandfathered}(${ROW_NAMES_ITS_SUBJECTS})) NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_subject_ids_check`);
  }
}
