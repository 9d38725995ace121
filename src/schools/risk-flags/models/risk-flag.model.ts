import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../../core/graphql/connection';
import { StudentModel } from '../../students/student.model';
import { PreventiveMeetingEntity } from '../preventive-meeting.entity';
import { RiskFlagEntity } from '../risk-flag.entity';
import { ConsentGiver, ConsentMethod } from '../../../consent/consent-category';
import { stockholmDate } from '../../../core/clock/stockholm-calendar';
import { MeetingStatus, RiskFlagStatus, RiskIndicator, RiskSeverity } from '../risk-flag.enums';
import { OrganisationModel } from '../../../identity/models/organisation.model';

/** The columns of a flag's consent record the flag shows, with whether it is in force now. */
export interface FlagConsentRow {
  id: string;
  given_by: ConsentGiver[];
  method: ConsentMethod;
  valid_from: Date;
  valid_until: Date;
  withdrawn_at: Date | null;
  municipality_code: string;
  created_at: Date;
  in_force: boolean;
}

@ObjectType('RiskFlagConsent', {
  description:
    'The consent record (category SCHOOL, naming the home municipality youth team) that shares the flag',
})
export class FlagConsentModel {
  @Field(() => ID, { description: 'The consent record, as in consents and withdrawConsent' })
  consentId: string;

  @Field(() => [ConsentGiver])
  givenBy: ConsentGiver[];

  @Field(() => ConsentMethod)
  method: ConsentMethod;

  @Field({ description: 'The day it was given (YYYY-MM-DD)' })
  givenOn: string;

  @Field()
  recordedAt: Date;

  @Field({ description: 'The first day it no longer holds (YYYY-MM-DD)' })
  validUntil: string;

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @Field({ description: 'Shared with the youth team of this municipality' })
  municipalityCode: string;

  @Field({
    description:
      "True while the consent is in force: valid, not withdrawn and sufficient under the municipality's age policy",
  })
  inForce: boolean;

  static from(r: FlagConsentRow): FlagConsentModel {
    return Object.assign(new FlagConsentModel(), {
      consentId: r.id,
      givenBy: r.given_by,
      method: r.method,
      givenOn: stockholmDate(r.valid_from),
      recordedAt: r.created_at,
      validUntil: stockholmDate(r.valid_until),
      withdrawnAt: r.withdrawn_at,
      municipalityCode: r.municipality_code,
      inForce: r.in_force,
    });
  }
}

@ObjectType('PreventiveMeeting')
export class PreventiveMeetingModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  riskFlagId: string;

  @Field()
  meetingAt: Date;

  @Field(() => [String])
  participants: string[];

  @Field(() => MeetingStatus)
  status: MeetingStatus;

  static from(e: PreventiveMeetingEntity): PreventiveMeetingModel {
    return Object.assign(new PreventiveMeetingModel(), {
      id: e.id,
      riskFlagId: e.riskFlagId,
      meetingAt: e.meetingAt,
      participants: e.participants,
      status: e.status,
    });
  }
}

@ObjectType('RiskFlag', { description: 'A dropout-risk flag (avhoppsrisk) raised by a school' })
export class RiskFlagModel {
  @Field(() => ID)
  id: string;

  youngPersonId: string;
  schoolOrganisationId: string;

  @Field(() => StudentModel, {
    nullable: true,
    description:
      'The student, while the caller may see them (a youth team reading under a SCHOOL consent only does not; null)',
  })
  student?: StudentModel;

  @Field(() => OrganisationModel, { description: 'The school that raised the flag' })
  school?: OrganisationModel;

  @Field(() => [PreventiveMeetingModel])
  meetings?: PreventiveMeetingModel[];

  @Field(() => [RiskIndicator])
  indicators: RiskIndicator[];

  @Field(() => Float, { nullable: true, description: 'Absence in percent, with HIGH_ABSENCE' })
  absencePercentage: number | null;

  @Field(() => RiskSeverity)
  severity: RiskSeverity;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => RiskFlagStatus)
  status: RiskFlagStatus;

  @Field()
  statusChangedAt: Date;

  @Field(() => ID, { nullable: true, description: 'The notice the flag was escalated to' })
  escalatedNoticeId: string | null;

  consentId: string | null;

  @Field(() => FlagConsentModel, {
    nullable: true,
    description: 'The consent that shares the flag with the youth team, once one was documented',
  })
  consent?: FlagConsentModel | null;

  @Field()
  createdAt: Date;

  static from(e: RiskFlagEntity): RiskFlagModel {
    return Object.assign(new RiskFlagModel(), {
      id: e.id,
      youngPersonId: e.youngPersonId,
      schoolOrganisationId: e.schoolOrganisationId,
      indicators: e.indicators,
      absencePercentage: e.absencePercentage,
      severity: e.severity,
      note: e.note,
      status: e.status,
      statusChangedAt: e.statusChangedAt,
      escalatedNoticeId: e.escalatedNoticeId,
      consentId: e.consentId,
      createdAt: e.createdAt,
    });
  }
}

@ObjectType()
export class RiskFlagConnection extends Connection(RiskFlagModel, 'RiskFlag') {}
