import { ArgsType, Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MonthlyReportArgs } from '../dto/monthly-report.args';
import { ReportCellModel } from '../models/monthly-report.model';

export enum ReportDocumentFormat {
  PDF = 'PDF',
  XLSX = 'XLSX',
}
export enum ReportLanguageEnum {
  SV = 'SV',
  EN = 'EN',
}
registerEnumType(ReportDocumentFormat, { name: 'ReportDocumentFormat' });
registerEnumType(ReportLanguageEnum, {
  name: 'ReportLanguage',
  description: 'SV (Swedish, the default) or EN',
});

@InputType()
export class ReportSectionInput {
  @Field({ description: 'e.g. "Pågående arbete", "Samverkan med Socialförvaltningen"' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field({ description: 'The coordinator’s own text; aggregates only, no personal data' })
  @IsString()
  @MaxLength(10_000)
  text: string;
}

@ArgsType()
export class ReportDocumentArgs extends MonthlyReportArgs {
  @Field(() => ReportDocumentFormat)
  @IsEnum(ReportDocumentFormat)
  format: ReportDocumentFormat;

  @Field(() => ReportLanguageEnum, { defaultValue: ReportLanguageEnum.SV })
  @IsEnum(ReportLanguageEnum)
  language: ReportLanguageEnum;

  @Field(() => [ReportSectionInput], {
    nullable: true,
    description: 'PDF: the free-text sections, printed before the table in this order (at most 10)',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ReportSectionInput)
  sections?: ReportSectionInput[];
}

@ObjectType('ReportDocument', { description: 'A report file, base64-encoded' })
export class ReportDocumentModel {
  @Field()
  fileName: string;

  @Field()
  contentType: string;

  @Field({ description: 'The file’s bytes, base64' })
  base64: string;
}

@ObjectType('ReportRow', {
  description: 'One figure of the report with its label, its cells by month and the period total',
})
export class ReportRowModel {
  @Field({ description: 'The month field it comes from, e.g. inRegisterAtMonthEnd' })
  key: string;

  @Field()
  label: string;

  @Field(() => [ReportCellModel])
  cells: ReportCellModel[];

  @Field(() => ReportCellModel, {
    description:
      'Sum over the period for figures that add up (events: entries, closures, contacts...); empty for states (register size, shares, distinct people per month). Suppressed when a month is, or when under 5 for a suppressed report.',
  })
  total: ReportCellModel;
}
