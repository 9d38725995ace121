import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MembershipReportEntity } from '../activity.entity';
import { SummerJobOfferEntity, SummerJobSector } from '../summer-job.entity';

registerEnumType(SummerJobSector, { name: 'SummerJobSector' });

@ObjectType('SummerJobOffer')
export class SummerJobOfferModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  year: number;

  @Field(() => SummerJobSector)
  sector: SummerJobSector;

  @Field()
  employerName: string;

  @Field(() => Int)
  positions: number;

  @Field(() => Int, { description: 'Positions filled by a young person' })
  placements: number;

  static from(e: SummerJobOfferEntity): SummerJobOfferModel {
    const { id, year, sector, employerName, positions, placements } = e;
    return Object.assign(new SummerJobOfferModel(), {
      id,
      year,
      sector,
      employerName,
      positions,
      placements,
    });
  }
}

@ObjectType('SummerJobChallenge', {
  description:
    'Sommarjobbsutmaningen: business should offer at least as many summer jobs as the municipality',
})
export class SummerJobChallengeModel {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  municipalityPositions: number;

  @Field(() => Int)
  businessPositions: number;

  @Field(() => Int)
  associationPositions: number;

  @Field(() => Int)
  placements: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Business positions per municipality position',
  })
  businessToMunicipalityRatio: number | null;

  @Field({
    description: 'True when business offers at least as many positions as the municipality',
  })
  challengeMet: boolean;
}

@ObjectType('MembershipReport', {
  description: "An association's member count before and after a period",
})
export class MembershipReportModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  periodStart: string;

  @Field()
  periodEnd: string;

  @Field(() => Int)
  membersBefore: number;

  @Field(() => Int)
  membersAfter: number;

  @Field(() => Int, { description: 'membersAfter − membersBefore' })
  growth: number;

  static from(e: MembershipReportEntity): MembershipReportModel {
    const { id, organisationId, periodStart, periodEnd, membersBefore, membersAfter } = e;
    return Object.assign(new MembershipReportModel(), {
      id,
      organisationId,
      periodStart,
      periodEnd,
      membersBefore,
      membersAfter,
      growth: membersAfter - membersBefore,
    });
  }
}
