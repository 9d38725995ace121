import { SsoProviderConfig } from '../core/config/sso-providers';
import { Permission, Role } from '../identity/role.enum';

/** What a user's groups at the provider give them in the portal. */
export interface PortalAccess {
  roles: Role[];
  permissions: Permission[];
  organisationId: string;
}

/**
 * One rule for the OIDC group claim and SCIM group membership: the union of the mapped
 * groups' roles and permissions, the first mapped group's organisation; null when no group
 * the user is in is mapped.
 */
export function accessFromGroups(
  provider: SsoProviderConfig,
  groups: readonly string[],
): PortalAccess | null {
  const mapped = groups.map((g) => provider.groups[g]).filter((m) => m !== undefined);
  if (!mapped.length) return null;
  return {
    roles: [...new Set(mapped.flatMap((m) => m.roles))].sort(),
    permissions: [...new Set(mapped.flatMap((m) => m.permissions))].sort(),
    organisationId: mapped[0].organisationId,
  };
}
