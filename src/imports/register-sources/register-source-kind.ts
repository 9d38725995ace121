import { registerEnumType } from '@nestjs/graphql';

/** The files a municipality actually gets for its KAA register. */
export enum RegisterSourceKind {
  /** Folkbokföring extract: who lives in the municipality (and who moved out, to where). */
  POPULATION_REGISTER = 'POPULATION_REGISTER',
  /** A school organiser's upper-secondary enrolment list (the municipality's residents). */
  SCHOOL_ENROLMENT = 'SCHOOL_ENROLMENT',
  /** An admissions list (antagning): admitted programmes, read like enrolment. */
  ADMISSIONS = 'ADMISSIONS',
}
registerEnumType(RegisterSourceKind, {
  name: 'RegisterSourceKind',
  description: 'POPULATION_REGISTER (folkbokföring), SCHOOL_ENROLMENT, ADMISSIONS',
});

/** A source being imported: what it is, and its id once its row exists. */
export interface ImportSource {
  kind: RegisterSourceKind;
  name: string;
  sourceDate: string;
  id?: string;
}
