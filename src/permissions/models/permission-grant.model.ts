import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { Permission } from '../../identity/role.enum';

/** A grant row as the service selects it. */
export interface PermissionGrantRow {
  id: string;
  user_id: string;
  municipality_code: string;
  permission: Permission;
  reason: string;
  ends_on: string | null;
  granted_by_user_id: string | null;
  granted_at: Date;
  revoked_at: Date | null;
  revoked_by_user_id: string | null;
  revoke_reason: string | null;
  in_force: boolean;
}

@ObjectType('PermissionGrant', {
  description:
    'EMERGENCY_ACCESS or PROTECTED_IDENTITY given to one user: by whom, why, until when, and its revocation',
})
export class PermissionGrantModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  userId: string;

  @Field()
  municipalityCode: string;

  @Field(() => Permission)
  permission: Permission;

  @Field()
  reason: string;

  @Field(() => String, {
    nullable: true,
    description: 'Last day it holds; null for a grant recorded before end dates',
  })
  endsOn: string | null;

  @Field(() => ID, { nullable: true })
  grantedByUserId: string | null;

  @Field()
  grantedAt: Date;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => ID, { nullable: true })
  revokedByUserId: string | null;

  @Field(() => String, { nullable: true })
  revokeReason: string | null;

  @Field({ description: 'Not revoked and not past its end date: the user holds the permission' })
  inForce: boolean;

  static from(r: PermissionGrantRow): PermissionGrantModel {
    return Object.assign(new PermissionGrantModel(), {
      id: r.id,
      userId: r.user_id,
      municipalityCode: r.municipality_code,
      permission: r.permission,
      reason: r.reason,
      endsOn: r.ends_on,
      grantedByUserId: r.granted_by_user_id,
      grantedAt: r.granted_at,
      revokedAt: r.revoked_at,
      revokedByUserId: r.revoked_by_user_id,
      revokeReason: r.revoke_reason,
      inForce: r.in_force,
    });
  }
}

@ObjectType()
export class PermissionGrantConnection extends Connection(
  PermissionGrantModel,
  'PermissionGrant',
) {}
