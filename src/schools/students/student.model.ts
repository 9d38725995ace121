import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';

/** The identity a school or a receiving youth team sees of a student: no address or contact. */
@ObjectType('SchoolStudent')
export class StudentModel {
  @Field(() => ID, { description: 'The young person id' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: '12 digits; null once anonymised by retention',
  })
  personalNumber: string | null;

  @Field()
  givenName: string;

  @Field()
  familyName: string;

  @Field()
  birthDate: string;

  @Field()
  homeMunicipalityCode: string;
}

@ObjectType()
export class StudentConnection extends Connection(StudentModel, 'SchoolStudent') {}

export interface StudentRow {
  id: string;
  personal_number: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  home_municipality_code: string;
}

export const STUDENT_COLUMNS = `yp.id, yp.personal_number, yp.given_name, yp.family_name,
  to_char(yp.birth_date, 'YYYY-MM-DD') AS birth_date, yp.home_municipality_code`;

export function studentFromRow(r: StudentRow): StudentModel {
  return Object.assign(new StudentModel(), {
    id: r.id,
    personalNumber: r.personal_number,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    homeMunicipalityCode: r.home_municipality_code,
  });
}
