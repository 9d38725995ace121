import { EntityManager } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { addDays, addYears } from '../core/clock/stockholm-calendar';
import { luhnCheckDigit } from '../young-people/personal-number';
import type { DemoStep } from './demo-seed';
import { DEMO_OUTREACH } from './outreach.demo';

/** Imported from a school list but not yet in the register: the README enters them in one call. */
export const DEMO_IMPORTED = {
  letterTemplateId: '00000000-0000-4000-8000-0a0000000700',
  ids: [
    '00000000-0000-4000-8000-0a0000000600',
    '00000000-0000-4000-8000-0a0000000601',
    '00000000-0000-4000-8000-0a0000000602',
  ],
};

const NAMES: [string, string, number][] = [
  ['Alma', 'Lundgren', 17],
  ['Hugo', 'Sjöberg', 18],
  ['Ines', 'Wallin', 19],
];

/**
 * Outreach at scale (issue 11): three young people of Trelleborg imported from a school
 * list and not yet entered in the KAA register, so coordinator@trelleborg.demo can enter
 * them with one openKaaPeriods and record an answer with its occupation; a home visit
 * booked for two coordinators on their agendas.
 */
export const outreachScaleDemoStep: DemoStep = {
  name: 'outreach-scale',
  async run(em: EntityManager, clock: Clock) {
    for (const [i, [given, family, age]] of NAMES.entries()) {
      const serial = 620 + i;
      const born = addDays(addYears(clock.today(), -age), -60 - i * 7);
      const yymmdd = born.replace(/-/g, '').slice(2);
      const pn = `${born.replace(/-/g, '')}${serial}${luhnCheckDigit(yymmdd + String(serial))}`;
      await em.query(
        `INSERT INTO young_person (id, personal_number, birth_date, given_name, family_name, home_municipality_code,
           street_address, postal_code, city, phone)
         VALUES ($1, $2, $3, $4, $5, '1287', $6, '231 43', 'Trelleborg', $7)
         ON CONFLICT DO NOTHING`,
        [DEMO_IMPORTED.ids[i], pn, born, given, family, `Skolgatan ${i + 2}`, `070-111 0${serial}`],
      );
    }
    // Elin's letters went unanswered (outreach demo): a visit booked for tomorrow at 16:00,
    // Amira and Karin go together.
    await em.query(
      `INSERT INTO home_visit (young_person_id, municipality_code, planned_at, staff_user_ids, note, created_by)
       SELECT yp.id, '1287', stockholm_day_start(app_today() + 1) + interval '16 hours',
              ARRAY[a.id, b.id], 'Efter obesvarade brev', a.id
       FROM young_person yp, app_user a, app_user b
       WHERE yp.id = $1 AND a.email = 'coordinator@trelleborg.demo' AND b.email = 'coordinator2@trelleborg.demo'
         AND NOT EXISTS (SELECT 1 FROM home_visit v WHERE v.young_person_id = yp.id)`,
      [DEMO_OUTREACH.lettersUnansweredId],
    );
    // The rewritten first letter (seeds/004: the letters were reworded and answers rose).
    await em.query(
      `INSERT INTO letter_template (id, municipality_code, name, subject, body, created_by)
       SELECT $1, '1287', 'Brev 1 – vi vill träffa dig', 'Hej {förnamn}, vi vill gärna träffa dig',
              $2, u.id FROM app_user u WHERE u.email = 'coordinator@trelleborg.demo'
       ON CONFLICT DO NOTHING`,
      [
        DEMO_IMPORTED.letterTemplateId,
        'Hej {förnamn}!\n\nVi på Ungdomsteamet i Trelleborg hör av oss till alla mellan 16 och 20 år ' +
          'som inte studerar på gymnasiet. Vi vill gärna höra hur du har det och vad du vill göra ' +
          'framåt – jobb, studier, praktik eller något annat.\n\nRing eller sms:a {handläggare} på ' +
          '{telefon}, så bestämmer vi en tid som passar dig.\n\nVänliga hälsningar\n{handläggare}',
      ],
    );
  },
};
