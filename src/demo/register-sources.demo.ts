import { queryRows } from '../core/database/query-rows';
import { notifyHandover } from '../imports/register-sources/source-facts';
import type { DemoStep } from './demo-seed';

const POPULATION = 'Skatteverket folkbokföring (demo)';
const ENROLMENT = 'Trelleborgs kommun, gymnasieskolan (demo)';

/**
 * Reconciliation: Trelleborg's youth team has imported last week's population extract
 * (confirming every resident) and the school organiser's enrolment list (the source of
 * every upper-secondary schooling row), so its "should enter" and "should leave" lists
 * show their reasons with sources and dates. The extract said Linnea is folkbokförd in
 * Malmö: she was handed over, and both youth teams were told. Runs last, after every
 * step that adds residents; a second load leaves it as it is.
 */
export const registerSourcesDemoStep: DemoStep = {
  name: 'register-sources',
  async run(em) {
    const done: unknown[] = await em.query(
      `SELECT 1 FROM register_source WHERE municipality_code = '1287' AND name = $1`,
      [POPULATION],
    );
    if (done.length) return;
    const [coordinator]: { id: string }[] = await em.query(
      `SELECT id FROM app_user WHERE email = 'coordinator@trelleborg.demo'`,
    );
    if (!coordinator) return;
    const [population]: { id: string }[] = await em.query(
      `INSERT INTO register_source (municipality_code, kind, name, source_date, row_count, created_by)
       SELECT '1287', 'POPULATION_REGISTER', $1, app_today() - 7, count(*), $2
         FROM young_person WHERE home_municipality_code = '1287'
       RETURNING id`,
      [POPULATION, coordinator.id],
    );
    await em.query(
      `UPDATE young_person SET residence_source_id = $1 WHERE home_municipality_code = '1287'`,
      [population.id],
    );
    const [enrolment]: { id: string }[] = await em.query(
      `INSERT INTO register_source (municipality_code, kind, name, source_date, row_count, created_by)
       SELECT '1287', 'SCHOOL_ENROLMENT', $1, app_today() - 5, count(*), $2
         FROM schooling s JOIN young_person yp ON yp.id = s.young_person_id
        WHERE yp.home_municipality_code = '1287' AND s.programme_type <> 'COMPULSORY'
       RETURNING id`,
      [ENROLMENT, coordinator.id],
    );
    await em.query(
      `UPDATE schooling s SET source_id = $1 FROM young_person yp
        WHERE yp.id = s.young_person_id AND yp.home_municipality_code = '1287'
          AND s.programme_type <> 'COMPULSORY'`,
      [enrolment.id],
    );
    // Linnea: Trelleborg's period is still open; the extract moved her to Malmö.
    const moved = await queryRows<{ id: string }>(
      em,
      `UPDATE young_person yp SET residence_source_id = $1, moved_in_on = app_today() - 7
        WHERE yp.home_municipality_code = '1280'
          AND EXISTS (SELECT 1 FROM kaa_period p WHERE p.young_person_id = yp.id
                       AND p.municipality_code = '1287' AND p.exit_date IS NULL)
        RETURNING yp.id`,
      [population.id],
    );
    // Both youth teams told, as the import tells them.
    await notifyHandover(
      em,
      '1287',
      moved.map((m) => ({ youngPersonId: m.id, home: '1280' })),
    );
  },
};
