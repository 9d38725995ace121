import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { UserModel } from '../../identity/models/user.model';

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
