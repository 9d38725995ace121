import { registerEnumType } from '@nestjs/graphql';
import { KaaEntryReason, KaaExitReason } from './kaa-period.entity';
import { OccupationCategory, OccupationSource } from './occupation.entity';

/** Åtgärder/insatser the youth team offers (DESIGN.md §2). */
export enum MeasureType {
  COACHING = 'COACHING',
  STUDY_CAREER_GUIDANCE = 'STUDY_CAREER_GUIDANCE',
  INTERNSHIP = 'INTERNSHIP',
  MENTORSHIP = 'MENTORSHIP',
  STUDY_VISIT = 'STUDY_VISIT',
  ASSOCIATION_MATCHING = 'ASSOCIATION_MATCHING',
  SUMMER_JOB = 'SUMMER_JOB',
  JOB_FAIR = 'JOB_FAIR',
  LABOUR_OFFICE_PROGRAMME = 'LABOUR_OFFICE_PROGRAMME',
  STUDIES_PREPARATION = 'STUDIES_PREPARATION',
  OTHER = 'OTHER',
}

export enum MeasureStatus {
  OFFERED = 'OFFERED',
  DECLINED = 'DECLINED',
  ONGOING = 'ONGOING',
  COMPLETED = 'COMPLETED',
  ABORTED = 'ABORTED',
}

/** Why a measure ended (the KAA documentation asks for it). */
export enum MeasureEndReason {
  GOAL_REACHED = 'GOAL_REACHED',
  STARTED_WORK = 'STARTED_WORK',
  STARTED_STUDIES = 'STARTED_STUDIES',
  DECLINED_BY_YOUNG_PERSON = 'DECLINED_BY_YOUNG_PERSON',
  STOPPED_ATTENDING = 'STOPPED_ATTENDING',
  MOVED_AWAY = 'MOVED_AWAY',
  TURNED_20 = 'TURNED_20',
  OTHER = 'OTHER',
}

/** Who is responsible for a part of the individual plan. */
export enum PlanParty {
  YOUNG_PERSON = 'YOUNG_PERSON',
  MUNICIPALITY = 'MUNICIPALITY',
  OTHER_ACTOR = 'OTHER_ACTOR',
}

/** Avslut: where the young person went. */
export enum ClosureKind {
  WORK = 'WORK',
  STUDIES = 'STUDIES',
  OTHER = 'OTHER',
}

registerEnumType(KaaEntryReason, {
  name: 'KaaEntryReason',
  description: 'Why a young person entered the KAA register',
});
registerEnumType(KaaExitReason, {
  name: 'KaaExitReason',
  description: 'Why a young person left the KAA register',
});
registerEnumType(OccupationCategory, {
  name: 'OccupationCategory',
  description: 'Sysselsättning; UNKNOWN means the youth team does not know it',
});
registerEnumType(OccupationSource, { name: 'OccupationSource' });
registerEnumType(MeasureType, { name: 'MeasureType' });
registerEnumType(MeasureStatus, {
  name: 'MeasureStatus',
  description:
    'OFFERED → ONGOING → COMPLETED | ABORTED; OFFERED → DECLINED. COMPLETED, ABORTED and DECLINED are final',
});
registerEnumType(MeasureEndReason, { name: 'MeasureEndReason' });
registerEnumType(PlanParty, { name: 'PlanParty' });
registerEnumType(ClosureKind, { name: 'ClosureKind' });
