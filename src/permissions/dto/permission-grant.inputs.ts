import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDateString, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { Permission } from '../../identity/role.enum';
import { Trimmed } from '../../core/graphql/trimmed';

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
  @Trimmed(1000, { column: 'permission_grant.reason' })
  reason: string;
}

@InputType()
export class RevokePermissionInput {
  @Field(() => ID, { description: 'The grant to end' })
  @IsUUID()
  grantId: string;

  @Field()
  @Trimmed(1000, { column: 'permission_grant.revoke_reason' })
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
