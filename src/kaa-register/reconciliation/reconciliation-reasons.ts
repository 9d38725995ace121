import { ProgrammeType, SchoolingStatus } from '../../young-people/schooling.entity';
import { RegisterSourceKind } from '../../imports/register-sources/register-source-kind';
import { KAA_AGE_LIMIT } from '../register-rules';

/**
 * Why a person is on a reconciliation list, fact by fact, each with the source and date
 * it came from (null: entered by hand). The lists themselves are decided in SQL by the
 * register rules (register-rules.sql.ts); these explain each row the rules chose.
 */
export enum ReconciliationReasonCode {
  /** Folkbokförd in the municipality (the population extract that says so). */
  RESIDENT = 'RESIDENT',
  /** Handed over from another municipality of the deployment (the date it moved). */
  MOVED_IN = 'MOVED_IN',
  /** On no upper-secondary list: finished compulsory school and never started. */
  NO_UPPER_SECONDARY = 'NO_UPPER_SECONDARY',
  INTERRUPTED_STUDIES = 'INTERRUPTED_STUDIES',
  /** Introduktionsprogram do not count as being in a national programme (since 2018). */
  INTRODUCTION_PROGRAMME = 'INTRODUCTION_PROGRAMME',
  TURNED_20 = 'TURNED_20',
  /** Folkbokförd in another municipality (detail: its code). */
  MOVED_AWAY = 'MOVED_AWAY',
  /** The latest population extract does not list the person. */
  NOT_IN_POPULATION_EXTRACT = 'NOT_IN_POPULATION_EXTRACT',
  /** In a national programme, wherever the school is (detail: programme and school). */
  NATIONAL_PROGRAMME = 'NATIONAL_PROGRAMME',
  COMPLETED_NATIONAL_PROGRAMME = 'COMPLETED_NATIONAL_PROGRAMME',
}

export interface SourceRef {
  id: string;
  kind: RegisterSourceKind;
  name: string;
  sourceDate: string;
}

/** A schooling fact as the list queries select it, with its source when the caller sees it. */
export interface SourcedSchooling {
  programmeType: ProgrammeType;
  status: SchoolingStatus;
  schoolName?: string;
  programmeCode?: string;
  source?: SourceRef | null;
}

export interface Reason {
  code: ReconciliationReasonCode;
  detail: string | null;
  source: SourceRef | null;
}

const reason = (
  code: ReconciliationReasonCode,
  detail: string | null = null,
  source: SourceRef | null = null,
): Reason => ({ code, detail, source });

const where = (s: SourcedSchooling) =>
  s.programmeCode ? `${s.programmeCode}${s.schoolName ? `, ${s.schoolName}` : ''}` : null;

/** Why a person belongs in the register. */
export function entryReasons(f: {
  residence: SourceRef | null;
  movedInOn: string | null;
  schooling: SourcedSchooling[];
}): Reason[] {
  const reasons = [reason(ReconciliationReasonCode.RESIDENT, null, f.residence)];
  if (f.movedInOn) reasons.push(reason(ReconciliationReasonCode.MOVED_IN, f.movedInOn));
  const upper = f.schooling.filter((s) => s.programmeType !== ProgrammeType.COMPULSORY);
  for (const s of upper) {
    if (s.status === SchoolingStatus.INTERRUPTED) {
      reasons.push(reason(ReconciliationReasonCode.INTERRUPTED_STUDIES, where(s), s.source));
    } else if (
      s.programmeType === ProgrammeType.INTRODUCTION &&
      s.status === SchoolingStatus.ACTIVE
    ) {
      reasons.push(reason(ReconciliationReasonCode.INTRODUCTION_PROGRAMME, where(s), s.source));
    }
  }
  if (!upper.length) reasons.push(reason(ReconciliationReasonCode.NO_UPPER_SECONDARY));
  return reasons;
}

/** Why an open period should end (every fact that says so, the decisive first). */
export function exitReasons(f: {
  age: number;
  homeMunicipalityCode: string;
  periodMunicipalityCode: string;
  residence: SourceRef | null;
  notInLatestPopulation: SourceRef | null;
  schooling: SourcedSchooling[];
}): Reason[] {
  const reasons: Reason[] = [];
  if (f.age >= KAA_AGE_LIMIT) reasons.push(reason(ReconciliationReasonCode.TURNED_20));
  if (f.homeMunicipalityCode !== f.periodMunicipalityCode) {
    reasons.push(reason(ReconciliationReasonCode.MOVED_AWAY, f.homeMunicipalityCode, f.residence));
  }
  if (f.notInLatestPopulation) {
    reasons.push(
      reason(ReconciliationReasonCode.NOT_IN_POPULATION_EXTRACT, null, f.notInLatestPopulation),
    );
  }
  for (const s of f.schooling.filter((x) => x.programmeType === ProgrammeType.NATIONAL)) {
    if (s.status === SchoolingStatus.COMPLETED) {
      reasons.push(
        reason(ReconciliationReasonCode.COMPLETED_NATIONAL_PROGRAMME, where(s), s.source),
      );
    } else if (s.status === SchoolingStatus.ACTIVE) {
      reasons.push(reason(ReconciliationReasonCode.NATIONAL_PROGRAMME, where(s), s.source));
    }
  }
  return reasons;
}
