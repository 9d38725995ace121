import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RetentionSettings', {
  description:
    "A municipality's retention periods (gallringsfrister) in months; defaults apply until a MUNICIPALITY_ADMIN sets them",
})
export class RetentionSettingsModel {
  @Field()
  municipalityCode: string;

  @Field(() => Int, {
    description:
      'KAA data is anonymised this many months after the person left the register for good (turned 20 or moved away, no open period anywhere)',
  })
  kaaMonths: number;

  @Field(() => Int, {
    description:
      "A closed joint case's content (notes, minutes, goals, tasks, referral content) is removed this many months after closure",
  })
  closedCaseMonths: number;

  @Field(() => Int, {
    description:
      "A notice's and a risk flag's free text is removed this many months after acknowledgement / resolution",
  })
  noticeFlagMonths: number;

  @Field(() => Int, {
    description:
      'Content shared under a consent (referral sections, the consent text) is removed this many months after the withdrawal',
  })
  withdrawnConsentMonths: number;

  @Field(() => Int, {
    description: 'Years access-log rows are kept, independent of the data periods (default 5)',
  })
  accessLogYears: number;

  @Field({ description: 'False while the defaults apply' })
  customised: boolean;

  @Field(() => Date, { nullable: true })
  updatedAt: Date | null;
}
