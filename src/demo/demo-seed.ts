import { DataSource, EntityManager } from 'typeorm';
import { Clock, clockSessionOptions } from '../core/clock/clock';
import { hashPassword } from '../auth/password';
import { activitiesDemoStep } from './activities.demo';
import { outreachDemoStep } from './outreach.demo';
import { reportYearDemoStep } from './report-year.demo';
import { schoolsDemoStep } from './schools.demo';
import { DEMO_MUNICIPALITIES, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { casesDemoStep } from './cases.demo';
import { dataProtectionDemoStep } from './data-protection.demo';
import { youngPeopleDemoStep } from './young-people.demo';
import { duplicatesDemoStep } from './duplicates.demo';
import { outreachScaleDemoStep } from './outreach-scale.demo';
import { permissionsDemoStep } from './permissions.demo';
import { secondFactorDemoStep } from './second-factor.demo';
import { registerSourcesDemoStep } from './register-sources.demo';
import { staffLeaveDemoStep } from './staff-leave.demo';
import { networkMeetingsDemoStep } from './network-meetings.demo';
import { regionDemoStep } from './region.demo';

/** One step of demo data; later features append their own steps. */
export interface DemoStep {
  name: string;
  /** Dates are relative to the clock: `clock.today()` in TypeScript, app_today() in SQL. */
  /** secretsKey seals what a step must store sealed (a demo user's TOTP secret). */
  run(em: EntityManager, clock: Clock, secretsKey: Buffer): Promise<void>;
}

const identityStep: DemoStep = {
  name: 'identity',
  async run(em) {
    for (const m of DEMO_MUNICIPALITIES) {
      await em.query(
        `INSERT INTO municipality (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [m.code, m.name],
      );
    }
    for (const o of DEMO_ORGANISATIONS) {
      await em.query(
        `INSERT INTO organisation (id, municipality_code, name, kind) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [o.id, o.municipalityCode, o.name, o.kind],
      );
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      const org = DEMO_ORGANISATIONS.find((o) => o.key === u.organisation)!;
      await em.query(
        `INSERT INTO app_user (organisation_id, municipality_code, email, display_name, roles, password_hash)
         SELECT id, municipality_code, $3, $4, $5, $6 FROM organisation WHERE municipality_code = $1 AND name = $2
         ON CONFLICT DO NOTHING`,
        [org.municipalityCode, org.name, u.email, u.displayName, u.roles, passwordHash],
      );
    }
  },
};

export const DEMO_STEPS: DemoStep[] = [
  identityStep,
  youngPeopleDemoStep,
  activitiesDemoStep,
  outreachDemoStep,
  schoolsDemoStep,
  casesDemoStep,
  dataProtectionDemoStep,
  reportYearDemoStep,
  duplicatesDemoStep,
  outreachScaleDemoStep,
  permissionsDemoStep,
  secondFactorDemoStep,
  registerSourcesDemoStep,
  staffLeaveDemoStep,
  networkMeetingsDemoStep,
  regionDemoStep,
];

/**
 * Loads every demo step not loaded before; returns the names of those it loaded. Demo
 * dates are relative to `clock` (app_now() / app_today() in the steps' SQL).
 */
export async function seedDemoData(
  url: string,
  clock: Clock,
  secretsKey: Buffer,
): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    extra: { options: clockSessionOptions(clock) },
  });
  await ds.initialize();
  try {
    const loaded: string[] = [];
    for (const step of DEMO_STEPS) {
      const done = await ds.transaction(async (em) => {
        const inserted = await em.query(
          `INSERT INTO demo_seed_step (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name`,
          [step.name],
        );
        if (inserted.length === 0) return false;
        await step.run(em, clock, secretsKey);
        return true;
      });
      if (done) loaded.push(step.name);
    }
    return loaded;
  } finally {
    await ds.destroy();
  }
}
