import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Connection, PageArgs } from '../../core/graphql/connection';
import { AccessAction, LegalBasis } from '../access-log-entry';
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

  @Field({
    nullable: true,
    description: 'Rows written by this request (the requestId of a response or server log)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  requestId?: string;

  @Field(() => LegalBasis, { nullable: true })
  @IsOptional()
  @IsEnum(LegalBasis)
  legalBasis?: LegalBasis;

  @Field({ nullable: true, description: 'Record type, e.g. YOUNG_PERSON, CASE, CONSENT_DOCUMENT' })
  @IsOptional()
  @Matches(/^[A-Z_]{1,50}$/, { message: 'subjectType must be an upper-case record type' })
  subjectType?: string;

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

@ArgsType()
export class AccessLogExportArgs {
  @Field({
    defaultValue: '0',
    description: 'Export rows after this chain position (the lastSeq of the previous export)',
  })
  @Matches(/^\d{1,18}$/, { message: 'afterSeq must be a chain position' })
  afterSeq: string;

  @Field(() => Int, { defaultValue: 1000, description: 'At most this many rows, 1–10000' })
  @IsInt()
  @Min(1)
  @Max(10000)
  first: number;
}

@ObjectType('AccessLogExport', {
  description:
    "Sealed access-log rows as JSON lines for an outside archive: the own municipality's rows in full, others as hash links; keep lastSeq and lastHash as the anchor",
})
export class AccessLogExportModel {
  @Field()
  jsonLines: string;

  @Field(() => Int)
  rows: number;

  @Field(() => String, { nullable: true })
  lastSeq: string | null;

  @Field(() => String, { nullable: true })
  lastHash: string | null;
}

@ArgsType()
export class VerifyAccessLogArgs {
  @Field({ nullable: true, description: 'lastSeq of an export kept outside' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'anchorSeq must be a chain position' })
  anchorSeq?: string;

  @Field({ nullable: true, description: 'lastHash of that export' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'anchorHash must be a sha256 hex digest' })
  anchorHash?: string;
}
