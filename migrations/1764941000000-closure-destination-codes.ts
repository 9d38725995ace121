import { MigrationInterface, QueryRunner } from 'typeorm';

// The codes as of this migration (src/kaa-register/closure-codes.ts); a later code needs its own.
const FIELDS = `'ADMINISTRATION_FINANCE_LAW','CONSTRUCTION','MANAGEMENT','IT','SALES_PURCHASING_MARKETING',
  'CRAFTS','HOTEL_RESTAURANT_CATERING','HEALTHCARE','MANUFACTURING','INSTALLATION_OPERATION_MAINTENANCE',
  'BEAUTY_CARE','CULTURE_MEDIA_DESIGN','MILITARY','NATURAL_RESOURCES','NATURAL_SCIENCES','EDUCATION',
  'CLEANING_SANITATION','SOCIAL_WORK','SECURITY','TECHNICAL','TRANSPORT'`;
const PROGRAMMES = `'BA','BF','EE','EK','ES','FT','HA','HT','HU','HV','IN','NA','NB','RL','SA','TE','VF','VO',
  'IMA','IMS','IMV','IMY','ADAPTED_UPPER_SECONDARY','ADULT_EDUCATION','FOLK_HIGH_SCHOOL','OTHER_STUDIES'`;

/**
 * A closure's destination as a category beside its free text: the occupation field of a
 * closure to work, the programme code of a closure to studies. Retention purges the title
 * and the programme text but keeps these codes (as it keeps the closure's kind and date),
 * so the report's closures by occupation and programme of a past month do not change at a
 * purge. Closures recorded before have no code (the report counts them as "not stated"),
 * except studies whose text is a programme code or names an introduktionsprogram.
 */
export class ClosureDestinationCodes1764941000000 implements MigrationInterface {
  name = 'ClosureDestinationCodes1764941000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE kaa_closure
        ADD COLUMN occupation_field text CHECK (occupation_field IN (${FIELDS})),
        ADD COLUMN programme_code text CHECK (programme_code IN (${PROGRAMMES})),
        ADD CHECK (occupation_field IS NULL OR kind = 'WORK'),
        ADD CHECK (programme_code IS NULL OR kind = 'STUDIES')`);
    await q.query(`
      UPDATE kaa_closure SET programme_code = CASE
          WHEN upper(trim(programme)) IN (${PROGRAMMES}) THEN upper(trim(programme))
          WHEN programme ILIKE '%individuellt alternativ%' THEN 'IMA'
          WHEN programme ILIKE '%språkintroduktion%' THEN 'IMS'
          WHEN programme ILIKE '%programinriktat%' THEN 'IMV'
          WHEN programme ILIKE '%yrkesintroduktion%' THEN 'IMY'
        END
       WHERE kind = 'STUDIES'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE kaa_closure DROP COLUMN occupation_field, DROP COLUMN programme_code`,
    );
  }
}
