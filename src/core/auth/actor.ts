import { OrganisationKind, Permission, Role } from '../../identity/role.enum';

/** Who is asking: loaded from the database on every request, so disabling takes effect at once. */
export interface Actor {
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  municipalityCode: string;
  /** The region (kommunförbund) the organisation belongs to, if any. */
  regionCode?: string | null;
  roles: Role[];
  permissions: Permission[];
  /** The session the token belongs to, its sign-in assurance level and what that level withholds. */
  session?: { id: string | null; assuranceLevel: number; withheld: (Role | Permission)[] };
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
