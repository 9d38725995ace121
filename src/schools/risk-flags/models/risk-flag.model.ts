import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../../core/graphql/connection';
import { StudentModel } from '../../students/student.model';
import { PreventiveMeetingEntity } from '../preventive-meeting.entity';
import { RiskFlagEntity } from '../risk-flag.entity';
import {
  ConsentGivenBy,
  ConsentMethod,
  MeetingStatus,
  RiskFlagStatus,
  RiskIndicator,
  RiskSeverity,
} from '../risk-flag.enums';
import { OrganisationModel } from '../../../identity/models/organisation.model';

@ObjectType('RiskFlagConsent', {
  description: 'The consent that lets the home municipality youth team see the flag',
})
export class FlagConsentModel {
  @Field(() => ConsentGivenBy)
  givenBy: ConsentGivenBy;

  @Field(() => ConsentMethod)
  method: ConsentMethod;

  @Field()
  givenOn: string;

  @Field()
  recordedAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'A guardian consent lapses on the 15th birthday (exclusive end date)',
  })
  validUntil: string | null;

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @Field({ description: 'Shared with this municipality youth team' })
  municipalityCode: string;

  @Field({ description: 'True while the youth team may see the flag' })
  inForce: boolean;
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

  @Field(() => StudentModel)
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

  @Field(() => FlagConsentModel, { nullable: true })
  consent: FlagConsentModel | null;

  @Field()
  createdAt: Date;

  static from(e: RiskFlagEntity, today: string): RiskFlagModel {
    const consent =
      e.consentRecordedAt && e.consentGivenBy && e.consentMethod && e.consentGivenOn
        ? Object.assign(new FlagConsentModel(), {
            givenBy: e.consentGivenBy,
            method: e.consentMethod,
            givenOn: e.consentGivenOn,
            recordedAt: e.consentRecordedAt,
            validUntil: e.consentValidUntil,
            withdrawnAt: e.consentWithdrawnAt,
            municipalityCode: e.sharedWithMunicipalityCode ?? '',
            inForce:
              !e.consentWithdrawnAt &&
              (e.consentValidUntil === null || e.consentValidUntil > today),
          })
        : null;
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
      consent,
      createdAt: e.createdAt,
    });
  }
}

@ObjectType()
export class RiskFlagConnection extends Connection(RiskFlagModel, 'RiskFlag') {}
