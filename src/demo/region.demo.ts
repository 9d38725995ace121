import { hashPassword } from '../auth/password';
import type { DemoStep } from './demo-seed';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-users';

/** The demo region (kommunförbund): Trelleborg and Malmö. */
export const DEMO_REGION = {
  code: 'SYDVASTRA-SKANE',
  name: 'Sydvästra Skånes kommunförbund',
  members: ['1280', '1287'],
  organisation: DEMO_ORGANISATIONS.find((o) => o.key === 'region-office')!,
  manager: DEMO_USERS.find((u) => u.organisation === 'region-office')!,
};

/**
 * The region-wide report's demo: the region, and its office (an organisation in Trelleborg,
 * from the identity step) made the region's, so that the office's MANAGER reads the
 * region's report. A database seeded before this step gets the office and manager here.
 */
export const regionDemoStep: DemoStep = {
  name: 'region',
  async run(em) {
    const { code, name, members, organisation: o, manager: u } = DEMO_REGION;
    await em.query(`INSERT INTO region (code, name) VALUES ($1, $2)`, [code, name]);
    await em.query(
      `INSERT INTO region_municipality (region_code, municipality_code) SELECT $1, unnest($2::text[])`,
      [code, members],
    );
    await em.query(
      `INSERT INTO organisation (id, municipality_code, name, kind) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [o.id, o.municipalityCode, o.name, o.kind],
    );
    await em.query(`UPDATE organisation SET region_code = $2 WHERE id = $1`, [o.id, code]);
    await em.query(
      `INSERT INTO app_user (organisation_id, municipality_code, email, display_name, roles, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        o.id,
        o.municipalityCode,
        u.email,
        u.displayName,
        u.roles,
        await hashPassword(DEMO_PASSWORD),
      ],
    );
  },
};
