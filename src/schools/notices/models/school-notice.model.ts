import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../../core/graphql/connection';
import { OrganisationModel } from '../../../identity/models/organisation.model';
import { StudentModel } from '../../students/student.model';
import { SchoolNoticeEntity } from '../school-notice.entity';
import { NoticeKind, NoticeReasonCategory, NoticeStatus } from '../school-notice.enums';

/**
 * A notice as both ends see it: what the school sent and whether it was acknowledged.
 * What the youth team did next (the KAA register) is never part of it.
 */
@ObjectType('SchoolNotice', {
  description: 'A notice to the home municipality (Skollagen 15 kap. 15 §)',
})
export class SchoolNoticeModel {
  @Field(() => ID)
  id: string;

  youngPersonId: string;
  schoolOrganisationId: string;

  @Field(() => StudentModel, {
    nullable: true,
    description: 'The student, while the caller may see them (null e.g. after the enrolment ended)',
  })
  student?: StudentModel;

  @Field(() => OrganisationModel, { description: 'The sending school' })
  school?: OrganisationModel;

  @Field({ description: 'The receiving municipality (the student home municipality)' })
  homeMunicipalityCode: string;

  @Field(() => NoticeKind)
  kind: NoticeKind;

  @Field()
  lastAttendanceDate: string;

  @Field(() => NoticeReasonCategory)
  reasonCategory: NoticeReasonCategory;

  @Field({ description: 'Whether the student left with a plan' })
  leftWithPlan: boolean;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  sentAt: Date;

  @Field(() => NoticeStatus)
  status: NoticeStatus;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;

  /** The school that sent a routed notice sees what it named, not the record it reached. */
  static from(e: SchoolNoticeEntity, viewerOrganisationId: string): SchoolNoticeModel {
    const asSent =
      e.reportedYoungPersonId !== null && viewerOrganisationId === e.schoolOrganisationId;
    return Object.assign(new SchoolNoticeModel(), {
      id: e.id,
      youngPersonId: asSent ? e.reportedYoungPersonId : e.youngPersonId,
      schoolOrganisationId: e.schoolOrganisationId,
      homeMunicipalityCode: asSent ? e.reportedHomeMunicipalityCode : e.homeMunicipalityCode,
      kind: e.kind,
      lastAttendanceDate: e.lastAttendanceDate,
      reasonCategory: e.reasonCategory,
      leftWithPlan: e.leftWithPlan,
      note: e.note,
      sentAt: e.sentAt,
      status: e.status,
      acknowledgedAt: e.acknowledgedAt,
    });
  }
}

@ObjectType()
export class SchoolNoticeConnection extends Connection(SchoolNoticeModel, 'SchoolNotice') {}
