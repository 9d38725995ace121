import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * Professional and network meetings of the youth team (issue 11; seeds/004: "en
 * nätverksträff där 13 personer deltog från olika kommuner"). Counts and organisation
 * names only, never a young person; the record is the youth team's own, so only its
 * municipality's youth team sees the rows (the monthly report reads them as the owner).
 */
export class NetworkMeetings1764938000000 implements MigrationInterface {
  name = 'NetworkMeetings1764938000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE network_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        held_on date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PROFESSIONAL','NETWORK')),
        participants int NOT NULL CHECK (participants BETWEEN 1 AND 10000),
        -- Every organisation named sent at least one person.
        organisations text[] NOT NULL
          CHECK (cardinality(organisations) BETWEEN 1 AND 50 AND cardinality(organisations) <= participants),
        topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT app_now()
      )`);
    await q.query(
      `CREATE INDEX network_meeting_municipality_idx ON network_meeting (municipality_code, held_on, id)`,
    );
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE network_meeting`);
  }
}
