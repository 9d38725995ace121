import { EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { SsoProviderConfig } from '../core/config/sso-providers';
import { queryRows } from '../core/database/query-rows';
import { accessFromGroups } from '../sso/group-mapping';

/**
 * The roles, permissions and organisation of provisioned users, from the SCIM groups they
 * are members of (the same mapping the OIDC group claim uses). A user in no mapped group
 * keeps the organisation and holds no role. Returns the users whose access changed.
 */
export async function applyGroupAccess(
  em: EntityManager,
  provider: SsoProviderConfig,
  userIds: string[],
): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await queryRows<{
    id: string;
    roles: string[];
    permissions: string[];
    organisation_id: string;
    groups: string[];
  }>(
    em,
    `SELECT u.id, u.roles, u.permissions, u.organisation_id,
            coalesce(array_remove(array_agg(g.display_name) || array_agg(g.external_id), NULL), '{}') AS groups
       FROM app_user u
       LEFT JOIN scim_group_member m ON m.user_id = u.id
       LEFT JOIN scim_group g ON g.id = m.group_id AND g.provider_id = $2
      WHERE u.id = ANY($1::uuid[])
      GROUP BY u.id`,
    [userIds, provider.id],
  );
  const changed: string[] = [];
  for (const u of rows) {
    const access = accessFromGroups(provider, u.groups) ?? {
      roles: [],
      permissions: [],
      organisationId: u.organisation_id,
    };
    const same =
      access.roles.join() === [...u.roles].sort().join() &&
      access.permissions.join() === [...u.permissions].sort().join() &&
      access.organisationId === u.organisation_id;
    if (same) continue;
    await em.query(
      `UPDATE app_user SET roles = $2, permissions = $3, organisation_id = $4, updated_at = app_now() WHERE id = $1`,
      [u.id, access.roles, access.permissions, access.organisationId],
    );
    changed.push(u.id);
  }
  return changed;
}

/** Each provisioning change is an administrative event in the access log, in its transaction. */
export function logProvisioning(
  log: AccessLogWriter,
  em: EntityManager,
  provider: SsoProviderConfig,
  requestId: string,
  entries: {
    action: AccessAction;
    subjectType: 'USER' | 'SCIM_GROUP';
    ids: string[];
    fields: string[];
  }[],
): Promise<void> {
  return log.record(
    em,
    { requestId, userId: null, organisationId: null, municipalityCode: provider.municipalityCode },
    entries
      .filter((e) => e.ids.length)
      .map((e) => ({
        action: e.action,
        subjectType: e.subjectType,
        subjectIds: e.ids,
        fields: e.fields,
        legalBasis: LegalBasis.ADMINISTRATION,
        subjectMunicipalityCode: provider.municipalityCode,
      })),
  );
}

/** Deactivation (and deletion) ends every session of the user, in the same transaction. */
export async function endSessions(em: EntityManager, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  await em.query(
    `UPDATE refresh_token SET revoked_at = app_now() WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
    [userIds],
  );
}
