import { ProgrammeType, SchoolingStatus } from '../young-people/schooling.entity';
import { KaaEntryReason, KaaExitReason } from './kaa-period.entity';
import { MeasureStatus } from './kaa.enums';

/**
 * The KAA register rules (Skollagen 29 kap. 9 §, förordning 2006:39), as pure functions of
 * the facts the register holds. The SQL of the rule queries encodes the same conditions;
 * these functions explain each row and decide the suggested reasons. The SQL twins are
 * in register-rules.sql.ts; a property test holds the two together.
 */
export const KAA_AGE_LIMIT = 20;

export interface SchoolingFact {
  programmeType: ProgrammeType;
  status: SchoolingStatus;
}

/** Compulsory school is finished when a completed COMPULSORY row, or any later schooling, exists. */
export function finishedCompulsorySchool(schooling: SchoolingFact[]): boolean {
  return schooling.some(
    (s) =>
      (s.programmeType === ProgrammeType.COMPULSORY && s.status === SchoolingStatus.COMPLETED) ||
      s.programmeType !== ProgrammeType.COMPULSORY,
  );
}

/** In or through a national programme; introduktionsprogram never count (since 2018). */
export function inOrThroughNationalProgramme(schooling: SchoolingFact[]): boolean {
  return schooling.some(
    (s) =>
      s.programmeType === ProgrammeType.NATIONAL &&
      (s.status === SchoolingStatus.ACTIVE || s.status === SchoolingStatus.COMPLETED),
  );
}

/** Under 20, finished compulsory school, not in or through a national programme. */
export function belongsInRegister(age: number, schooling: SchoolingFact[]): boolean {
  return (
    age < KAA_AGE_LIMIT &&
    finishedCompulsorySchool(schooling) &&
    !inOrThroughNationalProgramme(schooling)
  );
}

/** Why a person who belongs in the register would enter it; a handed-over resident moved in. */
export function suggestedEntryReason(schooling: SchoolingFact[], movedIn = false): KaaEntryReason {
  if (movedIn) return KaaEntryReason.MOVED_IN;
  const interrupted = schooling.some(
    (s) => s.programmeType !== ProgrammeType.COMPULSORY && s.status === SchoolingStatus.INTERRUPTED,
  );
  return interrupted ? KaaEntryReason.INTERRUPTED_STUDIES : KaaEntryReason.NEVER_STARTED;
}

export interface OpenPeriodFacts {
  age: number;
  homeMunicipalityCode: string;
  periodMunicipalityCode: string;
  schooling: SchoolingFact[];
  /** False when the municipality's latest population extract does not list the person. */
  inLatestPopulationExtract?: boolean;
}

/**
 * Why an open period should end, or null if the person still belongs: turned 20, moved
 * away (folkbokförd in another municipality), completed or started a national programme.
 */
export function exitReasonFor(f: OpenPeriodFacts): KaaExitReason | null {
  if (f.age >= KAA_AGE_LIMIT) return KaaExitReason.TURNED_20;
  if (f.homeMunicipalityCode !== f.periodMunicipalityCode) return KaaExitReason.MOVED_AWAY;
  if (f.inLatestPopulationExtract === false) return KaaExitReason.MOVED_AWAY;
  const national = f.schooling.filter((s) => s.programmeType === ProgrammeType.NATIONAL);
  if (national.some((s) => s.status === SchoolingStatus.COMPLETED)) {
    return KaaExitReason.COMPLETED_STUDIES;
  }
  if (national.some((s) => s.status === SchoolingStatus.ACTIVE)) {
    return KaaExitReason.STARTED_STUDIES;
  }
  return null;
}

/** Allowed measure transitions: OFFERED → ONGOING | DECLINED; ONGOING → COMPLETED | ABORTED. */
export const MEASURE_TRANSITIONS: Record<MeasureStatus, MeasureStatus[]> = {
  [MeasureStatus.OFFERED]: [MeasureStatus.ONGOING, MeasureStatus.DECLINED],
  [MeasureStatus.ONGOING]: [MeasureStatus.COMPLETED, MeasureStatus.ABORTED],
  [MeasureStatus.DECLINED]: [],
  [MeasureStatus.COMPLETED]: [],
  [MeasureStatus.ABORTED]: [],
};

export function canMoveMeasure(from: MeasureStatus, to: MeasureStatus): boolean {
  return from === to || MEASURE_TRANSITIONS[from].includes(to);
}

/** Statuses that need a reason; COMPLETED and ABORTED also an end date. */
export function measureNeedsEndReason(status: MeasureStatus): boolean {
  return [MeasureStatus.DECLINED, MeasureStatus.COMPLETED, MeasureStatus.ABORTED].includes(status);
}
