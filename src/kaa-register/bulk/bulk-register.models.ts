import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** What a bulk register operation did for one person. */
export enum BulkRegisterOutcome {
  OPENED = 'OPENED',
  CLOSED = 'CLOSED',
  /** Open: the person already has an open period; nothing changed. */
  ALREADY_OPEN = 'ALREADY_OPEN',
  /** Close: the person has no open period in the caller's register. */
  NO_OPEN_PERIOD = 'NO_OPEN_PERIOD',
  /** Close: the exit date is before the open period's entry date. */
  EXIT_BEFORE_ENTRY = 'EXIT_BEFORE_ENTRY',
  /** Not a young person of the caller's register (the same for one that does not exist). */
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(BulkRegisterOutcome, { name: 'BulkRegisterOutcome' });

@ObjectType('BulkRegisterRow')
export class BulkRegisterRowModel {
  @Field(() => ID)
  youngPersonId: string;

  @Field(() => BulkRegisterOutcome)
  outcome: BulkRegisterOutcome;

  @Field(() => ID, { nullable: true, description: 'The period opened or closed' })
  kaaPeriodId: string | null;
}

@ObjectType('BulkRegisterResult', {
  description: 'One logged operation: a result per person, in the order given',
})
export class BulkRegisterResultModel {
  @Field(() => Int)
  changed: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => [BulkRegisterRowModel])
  results: BulkRegisterRowModel[];
}
