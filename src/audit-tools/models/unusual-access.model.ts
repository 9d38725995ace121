import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsUUID } from 'class-validator';
import { Connection, PageArgs } from '../../core/graphql/connection';

@ObjectType('UnusualAccess', {
  description:
    'A read (READ, SEARCH, EXPORT) of a young person by an organisation with no relation to them ' +
    'now: no statutory duty (youth team of the home municipality), no case it leads or takes part ' +
    'in, no risk flag it raised, no notice it sent or received, no referral or concern report it ' +
    'sent or received, no consent it documented or that names it, no schooling at it. ' +
    'Also each answer withheld because it would have crossed the user’s record budget.',
})
export class UnusualAccessModel {
  @Field(() => ID, { description: 'The access-log row (see accessLog)' })
  logId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'null for RECORD_BUDGET_EXCEEDED, which is about the user, not one person',
  })
  youngPersonId: string | null;

  @Field()
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  actorUserId: string | null;

  @Field(() => ID)
  actorOrganisationId: string;

  @Field()
  actorOrganisationKind: string;

  @Field()
  action: string;

  @Field()
  subjectType: string;

  @Field({ description: 'The legal basis the reading code claimed' })
  legalBasis: string;

  @Field({
    description:
      'NO_RELATION; NO_RELATION_OTHER_MUNICIPALITY (the reader is outside the person’s home ' +
      'municipality); NO_RELATION_PERSON_REMOVED (the person has since been purged); ' +
      'RECORD_BUDGET_EXCEEDED (an answer was withheld: it would have taken the user over their ' +
      'budget of personal-data records per minute or per day)',
  })
  reason: string;
}

@ObjectType()
export class UnusualAccessConnection extends Connection(UnusualAccessModel, 'UnusualAccess') {}

@ArgsType()
export class UnusualAccessArgs extends PageArgs {
  @Field({ nullable: true, description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Until this instant (exclusive)' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  youngPersonId?: string;
}

@ObjectType('AuditOverview', {
  description:
    'AUDITOR: what awaits attention in the own municipality. The lists themselves are ' +
    'unusualAccesses, emergencyAccessReviewList and verifyAccessLog.',
})
export class AuditOverviewModel {
  @Field(() => Int, { description: 'Unusual reads in the last 30 days' })
  unusualAccessesLast30Days: number;

  @Field(() => Int, { description: 'Emergency openings not yet reviewed' })
  emergencyAccessesAwaitingReview: number;

  @Field(() => Int, { description: 'Emergency openings still active now' })
  emergencyAccessesActive: number;
}
