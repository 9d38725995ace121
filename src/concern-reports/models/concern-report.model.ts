import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { ConcernReportEntity } from '../concern-report.entity';

@ObjectType('ConcernReport', {
  description: 'Orosanmälan to the social services of the child’s home municipality',
})
export class ConcernReportModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field({ description: 'The child’s home municipality' })
  municipalityCode: string;

  @Field(() => ID)
  senderOrganisationId: string;

  @Field(() => [ID])
  receiverOrganisationIds: string[];

  @Field({
    description: 'false when the home municipality has no social services in the portal yet',
  })
  delivered: boolean;

  @Field()
  description: string;

  @Field()
  immediateDanger: boolean;

  @Field({ description: 'Always STATUTORY_DUTY: a concern report needs no consent' })
  legalBasis: string;

  @Field()
  createdAt: Date;

  /** The sender of a routed report sees what it named, never the record it reached. */
  static from(e: ConcernReportEntity, viewerOrganisationId: string): ConcernReportModel {
    const asSent =
      e.reportedYoungPersonId !== null && viewerOrganisationId === e.senderOrganisationId;
    const receivers = asSent ? e.reportedReceiverOrganisationIds! : e.receiverOrganisationIds;
    return Object.assign(new ConcernReportModel(), {
      id: e.id,
      youngPersonId: asSent ? e.reportedYoungPersonId : e.youngPersonId,
      municipalityCode: asSent ? e.reportedMunicipalityCode : e.municipalityCode,
      senderOrganisationId: e.senderOrganisationId,
      receiverOrganisationIds: receivers,
      delivered: receivers.length > 0,
      description: e.description,
      immediateDanger: e.immediateDanger,
      legalBasis: 'STATUTORY_DUTY',
      createdAt: e.createdAt,
    });
  }
}

@ObjectType()
export class ConcernReportConnection extends Connection(ConcernReportModel, 'ConcernReport') {}
