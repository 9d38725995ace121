import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Matches } from 'class-validator';

@ObjectType('SchoolMonthFigures', {
  description: 'Counts for one calendar month (Swedish time); null = suppressed (under 5)',
})
export class SchoolMonthFiguresModel {
  @Field({ description: 'YYYY-MM' })
  month: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Preventive meetings held at the municipality schools',
  })
  preventiveMeetingsHeld: number | null;

  @Field(() => Int, { nullable: true, description: 'Notices received by the municipality' })
  noticesReceived: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Received notices where the student had a plan',
  })
  noticesWithPlan: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Risk flags raised by the municipality schools',
  })
  flagsRaised: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Risk flags shared (consent recorded) with the municipality youth team',
  })
  flagsShared: number | null;
}

@ObjectType('SchoolFigures')
export class SchoolFiguresModel {
  @Field()
  municipalityCode: string;

  @Field(() => ID, { nullable: true, description: "Set when the figures are one school's (ownSchoolFigures)" })
  schoolOrganisationId: string | null;

  @Field({ description: 'True when counts under 5 are hidden (everyone but the youth team)' })
  smallCountsSuppressed: boolean;

  @Field(() => [SchoolMonthFiguresModel])
  months: SchoolMonthFiguresModel[];
}

@ArgsType()
export class SchoolFiguresArgs {
  @Field({ description: 'First month, YYYY-MM' })
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  fromMonth: string;

  @Field({ description: 'Last month (inclusive), YYYY-MM; at most 24 months after fromMonth' })
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  toMonth: string;
}
