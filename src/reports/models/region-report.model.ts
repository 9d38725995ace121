import { Field, ObjectType } from '@nestjs/graphql';
import { MonthlyReportModel } from './monthly-report.model';

@ObjectType('RegionMunicipality', { description: 'A member municipality of a region' })
export class RegionMunicipalityModel {
  @Field({ description: 'Kommunkod' })
  code: string;

  @Field()
  name: string;
}

@ObjectType('RegionReport', {
  description:
    'The region-wide (kommunförbund) monthly report: the region and one report per member ' +
    'municipality, aggregates only, cells under 5 people suppressed',
})
export class RegionReportModel {
  @Field()
  regionCode: string;

  @Field()
  name: string;

  @Field()
  fromMonth: string;

  @Field()
  toMonth: string;

  @Field({ description: 'Always true: a region manager is never the youth team' })
  smallCountsSuppressed: boolean;

  @Field(() => [RegionMunicipalityModel], { description: 'The members, by kommunkod' })
  members: RegionMunicipalityModel[];

  @Field(() => MonthlyReportModel, {
    description:
      "The region's figures, each the sum of the members' (municipalityCode is the region's " +
      'code). Besides cells under 5, a region cell is "<5" when, with the shown member cells, ' +
      'it would give a hidden member cell away (complementary suppression, README)',
  })
  region: MonthlyReportModel;

  @Field(() => [MonthlyReportModel], {
    description: "Each member's monthly report, as the municipality's manager sees it",
  })
  municipalities: MonthlyReportModel[];
}
