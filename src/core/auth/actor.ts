import { OrganisationKind, Permission, Role } from '../../identity/role.enum';

/** Who is asking: loaded from the database on every request, so disabling takes effect at once. */
export interface Actor {
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  municipalityCode: string;
  roles: Role[];
  permissions: Permission[];
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
