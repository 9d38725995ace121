import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * A page of young people by name for an organisation that sees many walks this index and
 * lets row-level security keep the visible rows (young-people.query.ts pageByName); its
 * bounded look at the candidates (authz.person_candidates_upto) is installed with the
 * entitlement functions again.
 */
export class YoungPersonNameIndex1764730200000 implements MigrationInterface {
  name = 'YoungPersonNameIndex1764730200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX young_person_name_idx ON young_person (family_name, given_name, id)`,
    );
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX young_person_name_idx`);
  }
}
