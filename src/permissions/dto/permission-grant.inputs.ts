import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { Permission } from '../../identity/role.enum';

@InputType()
export class GrantPermissionInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => Permission)
  @IsEnum(Permission)
  permission: Permission;

  @Field({
    description: 'Last day the permission holds (Stockholm date, YYYY-MM-DD), today or later',
  })
  @IsDateString({ strict: true })
  endsOn: string;

  @Field({ description: 'Why the user needs it (no personal data about young people)' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

@InputType()
export class RevokePermissionInput {
  @Field(() => ID, { description: 'The grant to end' })
  @IsUUID()
  grantId: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

@ArgsType()
export class PermissionGrantsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field({
    nullable: true,
    description: 'Only grants in force today (true) or only ended ones (false)',
  })
  @IsOptional()
  @IsBoolean()
  inForce?: boolean;
}
