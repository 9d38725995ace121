import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { YoungPersonModel } from '../models/young-person.model';

/** The kinds of row a young person's history is made of, each from its own table. */
export enum HistoryKind {
  KAA_PERIOD = 'KAA_PERIOD',
  OCCUPATION = 'OCCUPATION',
  CONTACT = 'CONTACT',
  MEASURE = 'MEASURE',
  PLAN = 'PLAN',
  KAA_CLOSURE = 'KAA_CLOSURE',
  RISK_FLAG = 'RISK_FLAG',
  NOTICE = 'NOTICE',
  CASE = 'CASE',
}

registerEnumType(HistoryKind, {
  name: 'HistoryKind',
  description:
    'KAA_PERIOD: register period (type entry reason, status exit reason or OPEN); OCCUPATION: sysselsättning (type category, status source); CONTACT: contact attempt (type channel, status outcome); MEASURE: åtgärd (type measure type, note description); PLAN: a version of the individual plan (type version number, note goal); KAA_CLOSURE: avslut (type kind, status programme); RISK_FLAG: the school’s risk flag (type severity); NOTICE: a school’s notice (type kind); CASE: samverkansärende (note title)',
});

@ObjectType('HistoryEntry', { description: 'One dated row of a young person’s history' })
export class HistoryEntryModel {
  @Field(() => HistoryKind)
  kind: HistoryKind;

  @Field(() => ID, { description: 'The id of the row in its own kind (e.g. the case id)' })
  id: string;

  @Field({ description: 'YYYY-MM-DD (Swedish time) the entry starts or happened' })
  date: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD it ended, for periods, measures and cases',
  })
  endDate: string | null;

  @Field(() => String, { nullable: true, description: 'The row’s own type code (see HistoryKind)' })
  type: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The row’s own status code (see HistoryKind)',
  })
  status: string | null;

  @Field(() => String, { nullable: true, description: 'The row’s free text (see HistoryKind)' })
  note: string | null;
}

@ObjectType('YoungPersonHistory', {
  description:
    'Everything about one young person the caller may see, as one timeline; row-level security decides each row',
})
export class YoungPersonHistoryModel {
  @Field(() => YoungPersonModel)
  person: YoungPersonModel;

  @Field(() => [HistoryKind], { description: 'The kinds that have at least one entry shown' })
  kinds: HistoryKind[];

  @Field(() => [HistoryEntryModel], { description: 'Newest first' })
  entries: HistoryEntryModel[];
}
