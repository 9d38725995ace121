import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsString, Matches, MaxLength } from 'class-validator';
import { Trimmed } from '../../core/graphql/trimmed';
import { RegisterSourceKind } from './register-source-kind';

@ObjectType('RegisterSource', {
  description: 'A file the municipality got for its register, imported with its own date',
})
export class RegisterSourceModel {
  @Field(() => ID)
  id: string;

  @Field(() => RegisterSourceKind)
  kind: RegisterSourceKind;

  @Field({ description: 'Who sent it, e.g. "Skatteverket folkbokföring" or a school organiser' })
  name: string;

  @Field({ description: 'YYYY-MM-DD: the date the file describes' })
  sourceDate: string;

  @Field(() => Int)
  rowCount: number;

  @Field({ description: 'When it was imported (ISO 8601)' })
  importedAt: string;
}

@InputType()
export class ImportRegisterSourceInput {
  @Field(() => RegisterSourceKind)
  @IsEnum(RegisterSourceKind)
  kind: RegisterSourceKind;

  @Field({ description: '1–200 characters' })
  @Trimmed(200, { column: 'register_source.name' })
  name: string;

  @Field({ description: 'YYYY-MM-DD, not in the future' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'sourceDate must be YYYY-MM-DD' })
  sourceDate: string;

  @Field({
    description:
      'The CSV text, header first (the columns of importYoungPeople). A population extract lists residents; a row with another home_municipality is a move out. A list row needs its schooling columns.',
  })
  @IsString()
  @MaxLength(2_000_000)
  csv: string;

  @Field({ defaultValue: false })
  @IsBoolean()
  dryRun: boolean;
}
