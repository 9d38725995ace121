import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../role.enum';
import { UserEntity } from '../user.entity';

/** A staff user as the API shows it; the password hash and lock counters stay inside. */
@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => [Role])
  roles: Role[];

  @Field()
  active: boolean;

  @Field(() => ID)
  organisationId: string;

  @Field()
  municipalityCode: string;

  static from(e: UserEntity): UserModel {
    return Object.assign(new UserModel(), {
      id: e.id,
      email: e.email,
      displayName: e.displayName,
      roles: e.roles,
      active: e.active,
      organisationId: e.organisationId,
      municipalityCode: e.municipalityCode,
    });
  }
}
