import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { Connection, PageArgs } from '../../core/graphql/connection';

export enum PossibleDuplicateState {
  OPEN = 'OPEN',
  MERGED = 'MERGED',
}
registerEnumType(PossibleDuplicateState, { name: 'PossibleDuplicateState' });

/** The new record as its creator described it: identity only, never contact or address. */
@ObjectType('DuplicateRecord')
export class DuplicateRecordModel {
  @Field(() => ID, { description: 'The young person id of the new record (gone once merged)' })
  youngPersonId: string;

  @Field()
  givenName: string;

  @Field()
  familyName: string;

  @Field()
  birthDate: string;

  @Field({ description: 'The home municipality its creator gave' })
  homeMunicipalityCode: string;
}

@ObjectType('PossibleDuplicate', {
  description:
    'A record created for a personnummer held by a person of your register, by an organisation that may not see that person',
})
export class PossibleDuplicateModel {
  @Field(() => ID)
  id: string;

  @Field(() => PossibleDuplicateState)
  state: PossibleDuplicateState;

  @Field(() => ID, { description: 'The person in your register it may duplicate' })
  existingYoungPersonId: string;

  @Field(() => DuplicateRecordModel)
  duplicate: DuplicateRecordModel;

  @Field(() => ID, { description: 'The organisation that created the new record' })
  createdByOrganisationId: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  mergedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a merge was last undone' })
  undoneAt: Date | null;
}

@ObjectType()
export class PossibleDuplicateConnection extends Connection(
  PossibleDuplicateModel,
  'PossibleDuplicate',
) {}

@ArgsType()
export class PossibleDuplicatesArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Include merged ones (to undo a merge)' })
  @IsOptional()
  @IsBoolean()
  includeMerged: boolean;
}
