import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * The actor's relations to people (consents in force naming its organisation, concern
 * reports received, enrolments, its own emergency openings) become views read as owner,
 * authz.actor_person_relation and authz.actor_person_basis. The row policy on young_person
 * is an EXISTS over them and authz.person_row_access an inlinable SQL function over them,
 * so PostgreSQL plans both into the statement: a list pays index probes per row instead
 * of PL/pgSQL calls twice per row. Same rules; reinstalls the functions and the policies.
 */
export class PersonRelationsInline1764936000000 implements MigrationInterface {
  name = 'PersonRelationsInline1764936000000';

  async up(q: QueryRunner): Promise<void> {
    await installEntitlement(q);
  }

  // The new functions decide as the old ones did; only their cost differs.
  async down(): Promise<void> {}
}
