import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PASSWORD_RULE, PortalPassword } from '../../auth/password-rules';
import { PageArgs } from '../../core/graphql/connection';
import { OrganisationKind, Role } from '../role.enum';
import { Trimmed } from '../../core/graphql/trimmed';

@InputType()
export class CreateOrganisationInput {
  @Field()
  @Trimmed(200, { column: 'organisation.name' })
  name: string;

  @Field(() => OrganisationKind)
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;

  @Field({
    nullable: true,
    description: 'Functional mailbox or switchboard for the directory, never a person',
  })
  @Trimmed(200, { optional: true, column: 'organisation.contact_point' })
  contactPoint?: string;
}

@InputType()
export class UpdateOrganisationInput {
  @Field({ nullable: true })
  @Trimmed(200, { optional: true, column: 'organisation.name' })
  name?: string;

  @Field(() => OrganisationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @Field({
    nullable: true,
    description: 'Functional mailbox or switchboard for the directory, never a person',
  })
  @Trimmed(200, { optional: true, column: 'organisation.contact_point' })
  contactPoint?: string;
}

@InputType()
export class CreateUserInput {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @Field()
  @Trimmed(200, { column: 'app_user.display_name' })
  displayName: string;

  @Field(() => [Role])
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  roles: Role[];

  @Field({ description: `Initial password, ${PASSWORD_RULE}` })
  @IsString()
  @PortalPassword()
  @MaxLength(200)
  password: string;
}

@InputType()
export class UpdateUserInput {
  @Field({ nullable: true })
  @Trimmed(200, { optional: true, column: 'app_user.display_name' })
  displayName?: string;

  @Field(() => [Role], { nullable: true })
  @IsOptional()
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  roles?: Role[];

  @Field({
    nullable: true,
    description: 'false disables the user: access ends on their next request',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field({ nullable: true, description: `New password, ${PASSWORD_RULE}` })
  @IsOptional()
  @IsString()
  @PortalPassword()
  @MaxLength(200)
  password?: string;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ nullable: true, description: 'Only active (true) or disabled (false) users' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}
