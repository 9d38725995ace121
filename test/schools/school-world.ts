import { birthDateTurning } from '../support/clock';
import { luhnCheckDigit } from '../../src/young-people/personal-number';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createMunicipality, createOrganisation, createUser, TestUser } from '../support/factories';
import { TestApp } from '../support/test-app';

export interface SchoolWorld {
  code: string;
  school: string;
  youthTeam: string;
  counsellor: TestUser;
  coordinator: TestUser;
  manager: TestUser;
}

/** A municipality with a school, a youth team, a counsellor, a coordinator and a manager. */
export async function createSchoolWorld(t: TestApp, code: string): Promise<SchoolWorld> {
  await createMunicipality(t, code);
  const school = await createOrganisation(t, code, OrganisationKind.SCHOOL);
  const youthTeam = await createOrganisation(t, code, OrganisationKind.YOUTH_TEAM);
  return {
    code,
    school,
    youthTeam,
    counsellor: await createUser(t, school, [Role.COUNSELLOR]),
    coordinator: await createUser(t, youthTeam, [Role.YOUTH_COORDINATOR]),
    manager: await createUser(t, youthTeam, [Role.MANAGER]),
  };
}

let serial = 100;

/** A valid 12-digit personnummer for someone born on `birthDate` (YYYY-MM-DD). */
export function personalNumberFor(birthDate: string): string {
  const [y, m, d] = birthDate.split('-');
  const s = String(serial++ % 1000).padStart(3, '0');
  return `${y}${m}${d}${s}${luhnCheckDigit(`${y.slice(2)}${m}${d}${s}`)}`;
}

/** The birth date of someone who turns `age` years old `daysAgo` days before today. */
export function birthDateForAge(age: number, extraDays = 30): string {
  return birthDateTurning(age, extraDays);
}

/** A young person living in `homeCode`, enrolled (ACTIVE) at `schoolOrgId`. */
export async function createStudent(
  t: TestApp,
  homeCode: string,
  schoolOrgId: string,
  opts: { age?: number; birthDate?: string } = {},
): Promise<{ id: string; personalNumber: string; birthDate: string }> {
  const birthDate = opts.birthDate ?? birthDateForAge(opts.age ?? 17);
  const personalNumber = personalNumberFor(birthDate);
  const { rows } = await t.db.query(
    `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code)
     VALUES ($1, $2, 'Test', 'Elev', $3) RETURNING id`,
    [personalNumber, birthDate, homeCode],
  );
  await t.db.query(
    `INSERT INTO schooling (young_person_id, school_organisation_id, school_name, programme_code, programme_type, start_date, status)
     VALUES ($1, $2, 'Skolan', 'SA', 'NATIONAL', app_today() - 400, 'ACTIVE')`,
    [rows[0].id, schoolOrgId],
  );
  return { id: rows[0].id, personalNumber, birthDate };
}
