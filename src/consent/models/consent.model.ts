import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import {
  ConsentGiver,
  ConsentMethod,
  ConsentWithdrawnBy,
  InformationCategory,
} from '../consent-category';
import { ConsentEntity, ConsentPolicyEntity } from '../consent.entity';
import { ConsentAgePolicy, DEFAULT_CONSENT_POLICY } from '../consent-policy';

export enum ConsentState {
  /** Valid now, not withdrawn, sufficient for the person's age today. */
  IN_FORCE = 'IN_FORCE',
  NOT_YET_VALID = 'NOT_YET_VALID',
  EXPIRED = 'EXPIRED',
  WITHDRAWN = 'WITHDRAWN',
  /** Replaced by an amendment (a newer version). */
  SUPERSEDED = 'SUPERSEDED',
  /** Valid dates but no longer enough under the age policy (e.g. guardian-only at 18). */
  INSUFFICIENT = 'INSUFFICIENT',
}
registerEnumType(ConsentState, { name: 'ConsentState' });

@ObjectType('Consent')
export class ConsentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field(() => [ConsentGiver])
  givenBy: ConsentGiver[];

  @Field(() => ConsentMethod)
  method: ConsentMethod;

  @Field()
  purpose: string;

  @Field(() => [InformationCategory])
  categories: InformationCategory[];

  @Field()
  validFrom: Date;

  @Field()
  validUntil: Date;

  @Field(() => ID)
  documentedByUserId: string;

  @Field(() => ID)
  documentedByOrganisationId: string;

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @Field(() => ConsentWithdrawnBy, { nullable: true })
  withdrawnBy: ConsentWithdrawnBy | null;

  @Field(() => String, { nullable: true })
  withdrawalReason: string | null;

  @Field(() => Int, { description: '1 as first given; each amendment adds one' })
  version: number;

  @Field(() => ID, { nullable: true, description: 'The version this one amended' })
  previousVersionId: string | null;

  @Field(() => ID, { nullable: true, description: 'The amendment that replaced this version' })
  supersededById: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'A young person under 18 who consented alone: whether they want the guardians told (null: not recorded)',
  })
  guardiansToBeTold: boolean | null;

  @Field()
  createdAt: Date;

  static from(e: ConsentEntity): ConsentModel {
    return Object.assign(new ConsentModel(), {
      id: e.id,
      youngPersonId: e.youngPersonId,
      givenBy: e.givenBy,
      method: e.method,
      purpose: e.purpose,
      categories: e.categories,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      documentedByUserId: e.documentedByUserId,
      documentedByOrganisationId: e.documentedByOrganisationId,
      withdrawnAt: e.withdrawnAt,
      withdrawnBy: e.withdrawnBy,
      withdrawalReason: e.withdrawalReason,
      version: e.version,
      previousVersionId: e.previousVersionId,
      supersededById: e.supersededById,
      guardiansToBeTold: e.guardiansToBeTold,
      createdAt: e.createdAt,
    });
  }
}

@ObjectType('ConsentDocument', {
  description:
    'The signed consent document: what is held, never the file (GET /consents/:id/document, logged)',
})
export class ConsentDocumentModel {
  @Field(() => ID)
  id: string;

  @Field()
  contentType: string;

  @Field(() => Int)
  byteSize: number;

  @Field()
  sha256: string;

  @Field()
  uploadedAt: Date;
}

@ObjectType()
export class ConsentConnection extends Connection(ConsentModel, 'Consent') {}

@ObjectType('ConsentPolicy')
export class ConsentPolicyModel implements ConsentAgePolicy {
  @Field()
  municipalityCode: string;

  @Field(() => Int, { description: "From this age the young person's own consent is needed" })
  ownConsentFromAge: number;

  @Field({ description: 'Under 18, a guardian must consent as well as the young person' })
  guardianAlsoRequired: boolean;

  @Field({ description: "Where a guardian's consent is needed, both guardians must consent" })
  bothGuardiansRequired: boolean;

  @Field({ description: 'false when the defaults of DESIGN.md §6 apply' })
  customised: boolean;

  static from(code: string, e: ConsentPolicyEntity | null): ConsentPolicyModel {
    const p = e ?? DEFAULT_CONSENT_POLICY;
    return Object.assign(new ConsentPolicyModel(), {
      municipalityCode: code,
      ownConsentFromAge: p.ownConsentFromAge,
      guardianAlsoRequired: p.guardianAlsoRequired,
      bothGuardiansRequired: p.bothGuardiansRequired,
      customised: !!e,
    });
  }
}
