import { OrganisationKind, Role } from '../../identity/role.enum';

/** Who is asking: loaded from the database on every request, so disabling takes effect at once. */
export interface Actor {
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  municipalityCode: string;
  roles: Role[];
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
