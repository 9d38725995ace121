import { Field, ID, ObjectType } from '@nestjs/graphql';
import { OccupationCategory, OccupationSource } from '../occupation.entity';
import '../kaa.enums';

@ObjectType('Occupation', {
  description: 'Sysselsättning from a date on, with its source and who recorded it',
})
export class OccupationModel {
  @Field(() => ID)
  id: string;

  @Field(() => OccupationCategory)
  category: OccupationCategory;

  @Field({ description: 'YYYY-MM-DD: valid from this date until the next record' })
  validFrom: string;

  @Field(() => OccupationSource)
  source: OccupationSource;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true, description: 'The user who recorded it' })
  recordedBy: string | null;

  @Field()
  recordedAt: Date;

  static from(o: {
    id: string;
    category: OccupationCategory;
    validFrom: string;
    source: OccupationSource;
    note: string | null;
    recordedBy: string | null;
    recordedAt: Date;
  }): OccupationModel {
    return Object.assign(new OccupationModel(), {
      id: o.id,
      category: o.category,
      validFrom: o.validFrom,
      source: o.source,
      note: o.note,
      recordedBy: o.recordedBy,
      recordedAt: o.recordedAt,
    });
  }
}
