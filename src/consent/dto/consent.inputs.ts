import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import {
  ConsentGiver,
  ConsentMethod,
  ConsentWithdrawnBy,
  InformationCategory,
} from '../consent-category';
import { Trimmed } from '../../core/graphql/trimmed';

@InputType()
export class RecordConsentInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => [ConsentGiver], {
    description: 'E.g. [YOUNG_PERSON] or [YOUNG_PERSON, ONE_GUARDIAN]',
  })
  @IsEnum(ConsentGiver, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  givenBy: ConsentGiver[];

  @Field(() => ConsentMethod)
  @IsEnum(ConsentMethod)
  method: ConsentMethod;

  @Field()
  @Trimmed(500, { column: 'consent.purpose' })
  purpose: string;

  @Field(() => [ID])
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  recipientOrganisationIds: string[];

  @Field(() => [InformationCategory])
  @IsEnum(InformationCategory, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  categories: InformationCategory[];

  @Field({ nullable: true, description: 'Defaults to now' })
  @IsOptional()
  @IsDate()
  validFrom?: Date;

  @Field()
  @IsDate()
  validUntil: Date;

  @Field({
    nullable: true,
    description:
      'Only when a young person under 18 consents alone: whether they want the guardians told',
  })
  @IsOptional()
  @IsBoolean()
  guardiansToBeTold?: boolean;
}

@InputType({
  description:
    'What an amendment changes; omitted fields keep the current version. The new version starts now.',
})
export class AmendConsentInput {
  @Field(() => ConsentWithdrawnBy, { description: 'Who asked for the change' })
  @IsEnum(ConsentWithdrawnBy)
  requestedBy: ConsentWithdrawnBy;

  @Field(() => [ID], { nullable: true, description: 'The recipients of the new version' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  recipientOrganisationIds?: string[];

  @Field(() => [InformationCategory], { nullable: true })
  @IsOptional()
  @IsEnum(InformationCategory, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  categories?: InformationCategory[];

  @Field({ nullable: true, description: 'Extend or shorten' })
  @IsOptional()
  @IsDate()
  validUntil?: Date;

  @Field(() => [ConsentGiver], { nullable: true, description: 'E.g. the young person at 18' })
  @IsOptional()
  @IsEnum(ConsentGiver, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  givenBy?: ConsentGiver[];

  @Field(() => ConsentMethod, { nullable: true })
  @IsOptional()
  @IsEnum(ConsentMethod)
  method?: ConsentMethod;

  @Field({ nullable: true })
  @Trimmed(500, { optional: true, column: 'consent.purpose' })
  purpose?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  guardiansToBeTold?: boolean;
}

@InputType()
export class WithdrawConsentInput {
  @Field(() => ConsentWithdrawnBy)
  @IsEnum(ConsentWithdrawnBy)
  withdrawnBy: ConsentWithdrawnBy;

  @Field({ nullable: true })
  @Trimmed(500, { optional: true, min: 0, column: 'consent.withdrawal_reason' })
  reason?: string;
}

@ArgsType()
export class ConsentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  youngPersonId?: string;

  @Field({ nullable: true, description: 'Only consents in force now' })
  @IsOptional()
  @IsBoolean()
  inForce?: boolean;
}

@InputType()
export class ConsentPolicyInput {
  @Field(() => Int)
  @IsInt()
  @Min(12)
  @Max(18)
  ownConsentFromAge: number;

  @Field()
  @IsBoolean()
  guardianAlsoRequired: boolean;

  @Field()
  @IsBoolean()
  bothGuardiansRequired: boolean;
}
