import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, PageArgs } from '../../core/graphql/connection';
import { AccessAction } from '../access-log-entry';
import { AccessLogEntity } from '../access-log.entity';

@ObjectType('AccessLogRecord', {
  description: 'One access-log row: who touched which records, when and why (ids only)',
})
export class AccessLogModel {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => ID, { nullable: true })
  actorUserId: string | null;

  @Field(() => ID, { nullable: true })
  actorOrganisationId: string | null;

  @Field(() => String, { nullable: true })
  actorMunicipalityCode: string | null;

  @Field(() => String, { nullable: true })
  subjectMunicipalityCode: string | null;

  @Field()
  action: string;

  @Field()
  subjectType: string;

  @Field(() => [ID])
  subjectIds: string[];

  @Field(() => [ID], { description: 'The young people the accessed records are about' })
  youngPersonIds: string[];

  @Field(() => [String])
  fields: string[];

  @Field()
  legalBasis: string;

  @Field(() => [ID])
  consentIds: string[];

  @Field({ description: 'Whether the row is already linked into the hash chain' })
  sealed: boolean;

  static from(e: AccessLogEntity): AccessLogModel {
    const { sealSeq, hash, ...rest } = e;
    void hash;
    return Object.assign(new AccessLogModel(), rest, { sealed: sealSeq !== null });
  }
}

@ObjectType()
export class AccessLogConnection extends Connection(AccessLogModel, 'AccessLogRecord') {}

@ArgsType()
export class AccessLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => ID, { nullable: true, description: 'Rows about this young person' })
  @IsOptional()
  @IsUUID()
  youngPersonId?: string;

  @Field(() => ID, { nullable: true, description: 'Rows touching this record id' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @Field(() => AccessAction, { nullable: true })
  @IsOptional()
  @IsEnum(AccessAction)
  action?: AccessAction;

  @Field({ nullable: true, description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Until this instant (exclusive)' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ObjectType('AccessLogVerification')
export class AccessLogVerificationModel {
  @Field({ description: 'False when any sealed row was changed, removed or reordered' })
  valid: boolean;

  @Field(() => Int)
  checkedRows: number;

  @Field(() => Int, { description: 'Rows written but not yet linked into the chain' })
  unsealedRows: number;

  @Field(() => String, { nullable: true, description: 'Chain position of the first broken row' })
  firstInvalidSeq: string | null;
}
