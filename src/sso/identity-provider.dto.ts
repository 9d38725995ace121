import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trimmed } from '../core/graphql/trimmed';
import { Permission, Role } from '../identity/role.enum';

@InputType()
export class IdentityProviderGroupInput {
  @Field({ description: "A value of the provider's group claim (Entra ID: the group's object id)" })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  group: string;

  @Field(() => ID, { description: 'An organisation of the own municipality' })
  @IsUUID()
  organisationId: string;

  @Field(() => [Role])
  @IsEnum(Role, { each: true })
  @ArrayMaxSize(9)
  roles: Role[];

  @Field(() => [Permission], { nullable: true })
  @IsOptional()
  @IsEnum(Permission, { each: true })
  permissions?: Permission[];
}

@InputType()
export class AcrLevelInput {
  @Field({ description: 'An acr value the provider sends' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  acr: string;

  @Field(() => Int, { description: 'Its assurance level, 1–4' })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;
}

@InputType()
export class ConfigureIdentityProviderInput {
  @Field({ description: 'Names the provider in its URLs (/auth/oidc/<id>/login): a-z, 0-9 and -' })
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'id must be 1–40 lower-case letters, digits and -' })
  id: string;

  @Field({ description: 'The issuer URL (https; http only for this machine)' })
  @IsString()
  @MaxLength(500)
  issuer: string;

  @Field()
  @Trimmed(200, { column: 'sso_provider.client_id' })
  clientId: string;

  @Field({
    nullable: true,
    description:
      'Required when the provider is new; left out, the kept one stays. Kept sealed, never shown again',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientSecret?: string;

  @Field({
    nullable: true,
    description: 'The claim that identifies the user (Entra ID: oid); default sub',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectClaim?: string;

  @Field({
    nullable: true,
    description: 'The claim listing groups or app roles (Entra ID: groups)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  groupClaim?: string;

  @Field(() => [IdentityProviderGroupInput], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => IdentityProviderGroupInput)
  @ArrayMaxSize(100)
  groups?: IdentityProviderGroupInput[];

  @Field(() => [AcrLevelInput], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => AcrLevelInput)
  @ArrayMaxSize(20)
  acrLevels?: AcrLevelInput[];

  @Field(() => Int, {
    nullable: true,
    description: 'The level an amr of two factors counts as; default 3',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  multiFactorLevel?: number;
}

@ObjectType('IdentityProviderGroup')
export class IdentityProviderGroupModel {
  @Field()
  group: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => [Permission])
  permissions: Permission[];
}

@ObjectType('AcrLevel')
export class AcrLevelModel {
  @Field()
  acr: string;

  @Field(() => Int)
  level: number;
}

@ObjectType('IdentityProvider', {
  description: 'An OpenID Connect provider of the municipality; its client secret is never shown',
})
export class IdentityProviderModel {
  @Field()
  id: string;

  @Field()
  municipalityCode: string;

  @Field()
  issuer: string;

  @Field()
  clientId: string;

  @Field()
  subjectClaim: string;

  @Field(() => String, { nullable: true })
  groupClaim: string | null;

  @Field(() => [IdentityProviderGroupModel])
  groups: IdentityProviderGroupModel[];

  @Field(() => [AcrLevelModel])
  acrLevels: AcrLevelModel[];

  @Field(() => Int)
  multiFactorLevel: number;

  @Field({ description: 'false: from the configuration (OIDC_PROVIDERS), not changeable here' })
  configuredByAdmin: boolean;

  @Field({ description: 'Where users start signing in' })
  loginUrl: string;

  @Field({ description: 'The redirect URI to register at the provider' })
  callbackUrl: string;
}
