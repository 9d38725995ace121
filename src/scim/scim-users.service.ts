import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { hashPassword } from '../auth/password';
import { sessionRevocations } from '../core/auth/session-revocations';
import { SsoProviderConfig } from '../core/config/sso-providers';
import { queryRows } from '../core/database/query-rows';
import { endSessions, logProvisioning } from './scim-access';
import {
  listResponse,
  listWindow,
  parseEqFilter,
  patchOperations,
  SCIM,
  scimBoolean,
  ScimError,
  ScimUserRow,
  userResource,
} from './scim-resources';

const USER_FILTERS = { username: 'u.email', externalid: 's.external_id' };

/** One statement per page: the users of this provider, each with its groups. */
const USER_ROWS = `
  SELECT u.id, s.external_id, u.email, u.display_name, u.active, s.created_at, s.updated_at,
         coalesce((SELECT json_agg(json_build_object('value', g.id, 'display', g.display_name) ORDER BY g.display_name)
                     FROM scim_group_member m JOIN scim_group g ON g.id = m.group_id
                    WHERE m.user_id = u.id), '[]') AS groups
    FROM scim_user s JOIN app_user u ON u.id = s.user_id
   WHERE s.provider_id = $1`;

interface UserChanges {
  email?: string;
  displayName?: string;
  active?: boolean;
  externalId?: string | null;
}

/** The attributes of a User resource the portal keeps; the rest is accepted and not stored. */
function userChanges(value: Record<string, unknown>): UserChanges {
  const c: UserChanges = {};
  if (value.userName !== undefined) {
    if (typeof value.userName !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(value.userName.trim()))
      throw new ScimError(
        400,
        'userName must be the e-mail address the user signs in with',
        'invalidValue',
      );
    c.email = value.userName.trim().toLowerCase();
  }
  const name = value.name as
    { formatted?: unknown; givenName?: unknown; familyName?: unknown } | undefined;
  const display =
    value.displayName ??
    name?.formatted ??
    ([name?.givenName, name?.familyName].filter((n) => typeof n === 'string').join(' ') ||
      undefined);
  if (display !== undefined) {
    if (typeof display !== 'string' || !display.trim() || display.length > 200)
      throw new ScimError(400, 'displayName must be 1–200 characters', 'invalidValue');
    c.displayName = display.trim();
  }
  if (value.active !== undefined) c.active = scimBoolean(value.active);
  if (value.externalId !== undefined) {
    if (value.externalId !== null && (typeof value.externalId !== 'string' || !value.externalId))
      throw new ScimError(400, 'externalId must be a string', 'invalidValue');
    c.externalId = value.externalId as string | null;
  }
  return c;
}

/**
 * SCIM Users of one provider (RFC 7644 §3): create, read, list with `eq` filters, replace,
 * patch and delete. A provisioned user signs in through the provider: its externalId is the
 * provider's subject claim (for Entra ID, map objectId to externalId), so the first login
 * needs no invitation, and it never gets a password. Deactivation and deletion end every
 * session at once, open subscriptions included.
 */
@Injectable()
export class ScimUsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async list(provider: SsoProviderConfig, base: string, q: Record<string, unknown>) {
    const filter = parseEqFilter(q.filter as string | undefined, USER_FILTERS);
    const { startIndex, count } = listWindow(q);
    const where = filter ? ` AND ${filter.column} = $2` : '';
    const params = filter
      ? [provider.id, filter.column === 'u.email' ? filter.value.toLowerCase() : filter.value]
      : [provider.id];
    const [{ n }] = await queryRows<{ n: number }>(
      this.ds,
      `SELECT count(*)::int AS n FROM scim_user s JOIN app_user u ON u.id = s.user_id WHERE s.provider_id = $1${where}`,
      params,
    );
    const rows = await queryRows<ScimUserRow>(
      this.ds,
      `${USER_ROWS}${where} ORDER BY s.created_at, u.id OFFSET ${startIndex - 1} LIMIT ${count}`,
      params,
    );
    return listResponse(
      rows.map((r) => userResource(base, r)),
      n,
      startIndex,
    );
  }

  async get(
    provider: SsoProviderConfig,
    base: string,
    id: string,
    em: EntityManager | DataSource = this.ds,
  ) {
    const [row] = isUuid(id)
      ? await queryRows<ScimUserRow>(em, `${USER_ROWS} AND u.id = $2`, [provider.id, id])
      : [];
    if (!row) throw new ScimError(404, 'User not found');
    return userResource(base, row);
  }

  async create(
    provider: SsoProviderConfig,
    base: string,
    body: Record<string, unknown>,
    requestId: string,
  ) {
    if (!Array.isArray(body?.schemas) || !body.schemas.includes(SCIM.user))
      throw new ScimError(400, `schemas must name ${SCIM.user}`, 'invalidSyntax');
    const c = userChanges(body);
    if (!c.email) throw new ScimError(400, 'userName is required', 'invalidValue');
    const organisationId = Object.values(provider.groups)[0]?.organisationId;
    if (!organisationId)
      throw new ScimError(
        400,
        'The provider maps no group to an organisation; configure its groups first',
      );
    // Never used: a provisioned user signs in through the provider.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    const resource = await this.ds.transaction(async (em) => {
      await this.assertFree(em, provider, c.email!, c.externalId ?? null, null);
      const [{ id }] = await queryRows<{ id: string }>(
        em,
        `INSERT INTO app_user (organisation_id, municipality_code, email, display_name, roles, password_hash, active)
         SELECT id, municipality_code, $2, $3, '{}', $4, $5 FROM organisation WHERE id = $1 AND municipality_code = $6
         RETURNING id`,
        [
          organisationId,
          c.email,
          c.displayName ?? c.email,
          passwordHash,
          c.active ?? true,
          provider.municipalityCode,
        ],
      );
      await em.query(
        `INSERT INTO scim_user (user_id, provider_id, external_id) VALUES ($1, $2, $3)`,
        [id, provider.id, c.externalId ?? null],
      );
      if (c.externalId)
        await em.query(
          `INSERT INTO sso_identity (provider_id, subject, user_id) VALUES ($1, $2, $3)`,
          [provider.id, c.externalId, id],
        );
      await logProvisioning(this.log, em, provider, requestId, [
        {
          action: AccessAction.CREATE,
          subjectType: 'USER',
          ids: [id],
          fields: ['userName', 'displayName', 'active', 'externalId'],
        },
      ]);
      return this.get(provider, base, id, em);
    });
    return resource;
  }

  /** PUT: the resource as sent (attributes left out keep their value, as directories expect). */
  replace(
    provider: SsoProviderConfig,
    base: string,
    id: string,
    body: Record<string, unknown>,
    requestId: string,
  ) {
    return this.change(provider, base, id, userChanges(body ?? {}), requestId);
  }

  patch(provider: SsoProviderConfig, base: string, id: string, body: unknown, requestId: string) {
    const c: UserChanges = {};
    for (const op of patchOperations(body)) {
      if (op.op === 'remove') {
        if (op.path?.toLowerCase() === 'externalid') c.externalId = null;
        continue;
      }
      const value = op.path ? pathValue(op.path, op.value) : (op.value as Record<string, unknown>);
      if (!value || typeof value !== 'object')
        throw new ScimError(400, 'A value is required', 'invalidValue');
      Object.assign(c, userChanges(value));
    }
    return this.change(provider, base, id, c, requestId);
  }

  /**
   * Deletion ends the account: no sign-in, no session, its name and e-mail erased. The row
   * stays, anonymous, because the access log and the cases refer to it.
   */
  async remove(provider: SsoProviderConfig, id: string, requestId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      await this.get(provider, '', id, em);
      await em.query(
        `UPDATE app_user SET active = false, email = 'deleted-' || id || '@scim.invalid', display_name = 'Borttagen användare',
                roles = '{}', permissions = '{}', updated_at = app_now() WHERE id = $1`,
        [id],
      );
      await endSessions(em, [id]);
      await em.query(`DELETE FROM sso_identity WHERE user_id = $1 AND provider_id = $2`, [
        id,
        provider.id,
      ]);
      await em.query(`DELETE FROM scim_group_member WHERE user_id = $1`, [id]);
      await em.query(`DELETE FROM scim_user WHERE user_id = $1`, [id]);
      await logProvisioning(this.log, em, provider, requestId, [
        {
          action: AccessAction.DELETE,
          subjectType: 'USER',
          ids: [id],
          fields: ['userName', 'displayName', 'active'],
        },
      ]);
    });
    sessionRevocations.revoked(id);
  }

  private async change(
    provider: SsoProviderConfig,
    base: string,
    id: string,
    c: UserChanges,
    requestId: string,
  ) {
    const resource = await this.ds.transaction(async (em) => {
      await this.get(provider, base, id, em);
      await this.assertFree(em, provider, c.email ?? null, c.externalId ?? null, id);
      await em.query(
        `UPDATE app_user SET email = coalesce($2, email), display_name = coalesce($3, display_name),
                active = coalesce($4, active), updated_at = app_now() WHERE id = $1`,
        [id, c.email ?? null, c.displayName ?? null, c.active ?? null],
      );
      if (c.externalId !== undefined) {
        await em.query(`UPDATE scim_user SET external_id = $2 WHERE user_id = $1`, [
          id,
          c.externalId,
        ]);
        await em.query(`DELETE FROM sso_identity WHERE user_id = $1 AND provider_id = $2`, [
          id,
          provider.id,
        ]);
        if (c.externalId)
          await em.query(
            `INSERT INTO sso_identity (provider_id, subject, user_id) VALUES ($1, $2, $3)`,
            [provider.id, c.externalId, id],
          );
      }
      await em.query(`UPDATE scim_user SET updated_at = app_now() WHERE user_id = $1`, [id]);
      if (c.active === false) await endSessions(em, [id]);
      const fields = Object.keys(c).map((k) => (k === 'email' ? 'userName' : k));
      await logProvisioning(this.log, em, provider, requestId, [
        { action: AccessAction.UPDATE, subjectType: 'USER', ids: [id], fields },
      ]);
      return this.get(provider, base, id, em);
    });
    // Open subscriptions end too, not only the next request.
    if (c.active === false) sessionRevocations.revoked(id);
    return resource;
  }

  /** userName and externalId are unique (RFC 7644 §3.3: 409 with scimType uniqueness). */
  private async assertFree(
    em: EntityManager,
    provider: SsoProviderConfig,
    email: string | null,
    externalId: string | null,
    self: string | null,
  ): Promise<void> {
    const [taken] = await queryRows<{ n: number }>(
      em,
      `SELECT (SELECT count(*) FROM app_user WHERE email = $1 AND id IS DISTINCT FROM $4::uuid)
            + (SELECT count(*) FROM sso_identity WHERE provider_id = $2 AND subject = $3 AND user_id IS DISTINCT FROM $4::uuid) AS n`,
      [email, provider.id, externalId, self],
    );
    if (Number(taken.n) > 0)
      throw new ScimError(409, 'userName or externalId is already in use', 'uniqueness');
  }
}

/** A patch path the portal keeps, as the object the value would be in. */
function pathValue(path: string, value: unknown): Record<string, unknown> | null {
  switch (path.toLowerCase()) {
    case 'active':
      return { active: value };
    case 'displayname':
      return { displayName: value };
    case 'name.formatted':
      return { name: { formatted: value } };
    case 'username':
      return { userName: value };
    case 'externalid':
      return { externalId: value };
    default:
      // Attributes the portal does not keep (title, phone numbers…): accepted, not stored.
      return {};
  }
}

export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
