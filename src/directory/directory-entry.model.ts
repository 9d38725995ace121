import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../core/graphql/connection';
import { OrganisationKind } from '../identity/role.enum';

/**
 * An organisation as the whole deployment may see it. Deliberately its own type, not
 * Organisation: it can never grow a field about users or young people by accident.
 */
@ObjectType('DirectoryOrganisation', {
  description:
    'An organisation of the deployment, to pick consent recipients and referral receivers',
})
export class DirectoryEntryModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field()
  municipalityCode: string;

  @Field()
  municipalityName: string;

  @Field(() => String, {
    nullable: true,
    description: 'Functional mailbox or switchboard of the organisation (never a person)',
  })
  contactPoint: string | null;
}

@ObjectType()
export class DirectoryConnection extends Connection(DirectoryEntryModel, 'DirectoryOrganisation') {}
