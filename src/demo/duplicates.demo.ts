import { EntityManager } from 'typeorm';
import type { DemoStep } from './demo-seed';
import { DEMO_ORGANISATIONS } from './demo-users';

/** Records the README's possible-duplicate examples refer to. */
export const DEMO_DUPLICATES = {
  /** Söderslättsgymnasiet enrolled "Zakaria Ahmad" under Malmö's Zakaria Ahmed's number. */
  possibleDuplicateId: '00000000-0000-4000-8000-0d0000000001',
  duplicateYoungPersonId: '00000000-0000-4000-8000-0d0000000100',
};

/**
 * One possible duplicate for Malmö's youth team: a Trelleborg school registered a student
 * whose personnummer Malmö's register already holds. The school could not see him, so it
 * got a new record with the names it gave (DESIGN §6: no existence oracle).
 */
export const duplicatesDemoStep: DemoStep = {
  name: 'possible-duplicates',
  async run(em: EntityManager) {
    const school = DEMO_ORGANISATIONS.find((o) => o.key === 'tbg-school')!;
    const existing: { id: string }[] = await em.query(
      `SELECT id FROM young_person WHERE given_name = 'Zakaria' AND family_name = 'Ahmed'
          AND home_municipality_code = '1280' AND NOT is_possible_duplicate`,
    );
    if (!existing[0]) return;
    const { duplicateYoungPersonId: duplicate, possibleDuplicateId: link } = DEMO_DUPLICATES;
    await em.query(
      `INSERT INTO young_person (id, personal_number, coordination_number, birth_date, given_name,
         family_name, home_municipality_code, is_possible_duplicate)
       SELECT $1, personal_number, coordination_number, birth_date, 'Zakaria', 'Ahmad', '1280', true
         FROM young_person WHERE id = $2
       ON CONFLICT (id) DO NOTHING`,
      [duplicate, existing[0].id],
    );
    await em.query(
      `INSERT INTO schooling (young_person_id, school_organisation_id, school_name, programme_code,
         programme_type, start_date, status)
       SELECT $1, o.id, o.name, 'EK', 'NATIONAL', app_today() - 14, 'ACTIVE' FROM organisation o
        WHERE o.id = $2
          AND NOT EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = $1)`,
      [duplicate, school.id],
    );
    await em.query(
      `INSERT INTO possible_duplicate (id, duplicate_id, existing_id, municipality_code,
         created_by_organisation_id, created_at)
       VALUES ($1, $2, $3, '1280', $4, app_now() - interval '2 days')
       ON CONFLICT (id) DO NOTHING`,
      [link, duplicate, existing[0].id, school.id],
    );
  },
};
