import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { ImportProblemCode } from '../young-people-import.columns';

registerEnumType(ImportProblemCode, {
  name: 'ImportProblemCode',
  description: 'What is wrong with an import row (or, for ALREADY_REGISTERED, a warning)',
});

@ObjectType('ImportProblem', {
  description: 'A problem in one row and column; never echoes the value',
})
export class ImportProblemModel {
  @Field(() => Int, { description: 'Row in the file; the header is row 1' })
  row: number;

  @Field(() => String, { nullable: true })
  column: string | null;

  @Field(() => ImportProblemCode)
  code: ImportProblemCode;

  @Field()
  message: string;
}

@ObjectType('ImportedYoungPerson', { description: 'The person a row created or matched' })
export class ImportedYoungPersonModel {
  @Field(() => Int, { description: 'Row in the file; the header is row 1' })
  row: number;

  @Field(() => ID)
  youngPersonId: string;

  @Field({ description: 'False: already in the register (the ALREADY_REGISTERED warning)' })
  created: boolean;
}

@ObjectType('YoungPeopleImportResult')
export class ImportResultModel {
  @Field()
  dryRun: boolean;

  @Field({ description: 'True when the rows were written (no errors and not a dry run)' })
  imported: boolean;

  @Field(() => Int)
  rowsRead: number;

  @Field(() => Int)
  youngPeopleCreated: number;

  @Field(() => Int, { description: 'Rows whose person is already in the register (warnings)' })
  youngPeopleAlreadyRegistered: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Dry run without errors: people that would be created',
  })
  wouldCreate: number | null;

  @Field(() => Int)
  schoolingCreated: number;

  @Field(() => Int, { description: 'Schooling rows identical to one already held' })
  schoolingSkipped: number;

  @Field(() => Int, {
    description: 'A named source: schooling rows it brought up to date (status, end, source)',
  })
  schoolingUpdated: number;

  @Field(() => ID, { nullable: true, description: 'A named source, when imported' })
  sourceId: string | null;

  @Field(() => Int, {
    description:
      'A population extract: residents folkbokförda in another municipality of the deployment, handed over there',
  })
  handedOver: number;

  @Field(() => Int)
  errorCount: number;

  @Field(() => Int)
  warningCount: number;

  @Field(() => [ImportProblemModel], { description: 'Up to 1000, by row' })
  errors: ImportProblemModel[];

  @Field(() => [ImportProblemModel], { description: 'Up to 1000, by row' })
  warnings: ImportProblemModel[];

  @Field(() => [ImportedYoungPersonModel], {
    description:
      'When imported: every row’s person by row, created or already registered; empty otherwise',
  })
  youngPeople: ImportedYoungPersonModel[];
}

/** Small files through GraphQL; large ones go to POST /imports/young-people as text/csv. */
@InputType()
export class ImportYoungPeopleInput {
  @Field({ description: 'The CSV text, header first; "," or ";" separated' })
  @IsString()
  @MaxLength(2_000_000)
  csv: string;

  @Field({ defaultValue: false, description: 'Validate and report only; nothing is written' })
  @IsBoolean()
  dryRun: boolean;
}
