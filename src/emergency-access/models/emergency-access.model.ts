import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { EmergencyAccessEntity } from '../emergency-access.entity';

@ObjectType('EmergencyAccess', { description: 'A break-the-glass opening of a record' })
export class EmergencyAccessModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  userId: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field(() => ID, { nullable: true })
  caseId: string | null;

  @Field({ description: 'The young person’s home municipality' })
  municipalityCode: string;

  @Field({ description: 'The opener’s municipality; auditors of both review the opening' })
  openerMunicipalityCode: string;

  @Field()
  reason: string;

  @Field()
  openedAt: Date;

  @Field({ description: 'When it ends (or ended): four hours after opening, or when ended early' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: 'Set when the opener ended it early' })
  endedAt: Date | null;

  @Field()
  active: boolean;

  @Field(() => Int, {
    description:
      "Seconds until it ends, by the portal's clock (0 once ended): a client counts down from this, not from its own clock",
  })
  secondsLeft: number;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;

  @Field(() => ID, { nullable: true })
  reviewedBy: string | null;

  @Field(() => String, { nullable: true })
  reviewNote: string | null;

  static from(e: EmergencyAccessEntity, at: Date): EmergencyAccessModel {
    const now = at.getTime();
    return Object.assign(new EmergencyAccessModel(), {
      ...e,
      active: e.openedAt.getTime() <= now && now < e.expiresAt.getTime(),
      secondsLeft: Math.max(0, Math.ceil((e.expiresAt.getTime() - now) / 1000)),
    });
  }
}

@ObjectType()
export class EmergencyAccessConnection extends Connection(
  EmergencyAccessModel,
  'EmergencyAccess',
) {}
