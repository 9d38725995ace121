import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  IsEmail,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { UserModel } from '../../identity/models/user.model';
import { Permission } from '../../identity/role.enum';

@InputType()
export class LoginInput {
  @Field()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @Field({
    nullable: true,
    description:
      'The 6-digit code of the authenticator app, or a recovery code; asked for (SECOND_FACTOR_REQUIRED) when the account has a second factor',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  secondFactor?: string;
}

@InputType()
export class TotpCodeInput {
  @Field({ description: 'The 6-digit code the authenticator app shows now' })
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

@ObjectType({
  description: 'A TOTP secret to add to an authenticator app; in force once confirmed',
})
export class TotpEnrolment {
  @Field({ description: 'Base32, for typing into the app' })
  secret: string;

  @Field({ description: 'otpauth:// URI, for a QR code' })
  otpauthUri: string;
}

@ObjectType({ description: 'One-use recovery codes, shown this once' })
export class RecoveryCodes {
  @Field(() => [String])
  codes: string[];
}

@ObjectType({
  description: "The caller's sign-in: second factor and what this session's assurance allows",
})
export class SignInStatus {
  @Field({ description: 'A TOTP second factor is enrolled and asked for at every local login' })
  secondFactorEnrolled: boolean;

  @Field(() => Int)
  recoveryCodesLeft: number;

  @Field(() => Int, { description: 'Assurance level of this session (1: password only)' })
  assuranceLevel: number;

  @Field(() => [String], {
    description:
      'Roles and permissions the user holds that ask for a stronger sign-in than this session (not in force now)',
  })
  withheld: string[];

  @Field(() => [Permission], {
    description:
      'Permissions in force in this session, so a client offers break the glass only to whom it is allowed',
  })
  permissions: Permission[];
}

@InputType()
export class RefreshInput {
  @Field({
    description: 'The refresh token from login or the previous refresh; it can be used once',
  })
  // GraphQL requires it; an absent input (cookie flow) reaches the pipe as {} and skips this.
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken: string;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Short-lived bearer token for the Authorization header' })
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field({ description: 'Rotating refresh token; each use returns a new one and retires this one' })
  refreshToken: string;

  @Field()
  refreshTokenExpiresAt: Date;

  @Field(() => UserModel)
  user: UserModel;
}
