import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { sessionRevocations } from '../core/auth/session-revocations';
import { SsoProviderConfig } from '../core/config/sso-providers';
import { queryRows } from '../core/database/query-rows';
import { applyGroupAccess, logProvisioning } from './scim-access';
import {
  groupResource,
  listResponse,
  listWindow,
  parseEqFilter,
  patchOperations,
  SCIM,
  ScimError,
  ScimGroupRow,
} from './scim-resources';
import { isUuid } from './scim-users.service';

const GROUP_FILTERS = { displayname: 'g.display_name', externalid: 'g.external_id' };

const GROUP_ROWS = `
  SELECT g.id, g.external_id, g.display_name, g.created_at, g.updated_at,
         coalesce((SELECT json_agg(json_build_object('value', u.id, 'display', u.display_name) ORDER BY u.id)
                     FROM scim_group_member m JOIN app_user u ON u.id = m.user_id
                    WHERE m.group_id = g.id), '[]') AS members
    FROM scim_group g
   WHERE g.provider_id = $1`;

/** members: [{ value: <user id> }], as RFC 7643 §4.2 has them. */
function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((m: { value?: unknown }) => {
    if (typeof m?.value !== 'string' || !isUuid(m.value))
      throw new ScimError(400, 'A member is { "value": "<user id>" }', 'invalidValue');
    return m.value;
  });
}

/**
 * SCIM Groups of one provider. A group's displayName (or externalId, Entra ID's object id)
 * is looked up in the provider's group mapping: its members get the mapped roles,
 * permissions and organisation, on their next request.
 */
@Injectable()
export class ScimGroupsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async list(provider: SsoProviderConfig, base: string, q: Record<string, unknown>) {
    const filter = parseEqFilter(q.filter as string | undefined, GROUP_FILTERS);
    const { startIndex, count } = listWindow(q);
    const where = filter ? ` AND ${filter.column} = $2` : '';
    const params = filter ? [provider.id, filter.value] : [provider.id];
    const [{ n }] = await queryRows<{ n: number }>(
      this.ds,
      `SELECT count(*)::int AS n FROM scim_group g WHERE g.provider_id = $1${where}`,
      params,
    );
    const rows = await queryRows<ScimGroupRow>(
      this.ds,
      `${GROUP_ROWS}${where} ORDER BY g.created_at, g.id OFFSET ${startIndex - 1} LIMIT ${count}`,
      params,
    );
    return listResponse(
      rows.map((r) => groupResource(base, r)),
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
      ? await queryRows<ScimGroupRow>(em, `${GROUP_ROWS} AND g.id = $2`, [provider.id, id])
      : [];
    if (!row) throw new ScimError(404, 'Group not found');
    return groupResource(base, row);
  }

  async create(
    provider: SsoProviderConfig,
    base: string,
    body: Record<string, unknown>,
    requestId: string,
  ) {
    if (!Array.isArray(body?.schemas) || !body.schemas.includes(SCIM.group))
      throw new ScimError(400, `schemas must name ${SCIM.group}`, 'invalidSyntax');
    if (typeof body.displayName !== 'string' || !body.displayName.trim())
      throw new ScimError(400, 'displayName is required', 'invalidValue');
    const members = body.members === undefined ? [] : memberIds(body.members);
    const { resource, changed } = await this.ds.transaction(async (em) => {
      const [created] = await queryRows<{ id: string }>(
        em,
        `INSERT INTO scim_group (provider_id, display_name, external_id) VALUES ($1, $2, $3)
         ON CONFLICT (provider_id, display_name) DO NOTHING RETURNING id`,
        [
          provider.id,
          body.displayName,
          typeof body.externalId === 'string' ? body.externalId : null,
        ],
      );
      if (!created) throw new ScimError(409, 'A group with that displayName exists', 'uniqueness');
      const changed = await this.addMembers(em, provider, created.id, members);
      await logProvisioning(this.log, em, provider, requestId, [
        {
          action: AccessAction.CREATE,
          subjectType: 'SCIM_GROUP',
          ids: [created.id],
          fields: ['displayName', 'members'],
        },
        {
          action: AccessAction.UPDATE,
          subjectType: 'USER',
          ids: changed,
          fields: ['roles', 'permissions', 'organisation'],
        },
      ]);
      return { resource: await this.get(provider, base, created.id, em), changed };
    });
    this.changedAccess(changed);
    return resource;
  }

  patch(provider: SsoProviderConfig, base: string, id: string, body: unknown, requestId: string) {
    const ops = patchOperations(body);
    return this.modify(provider, base, id, requestId, async (em) => {
      const touched: string[] = [];
      let renamed: string | undefined;
      for (const op of ops) {
        const path = op.path?.toLowerCase();
        const one = /^members\[value eq "([^"]+)"\]$/i.exec(op.path ?? '');
        if (path === 'members' && op.op === 'add')
          touched.push(...(await this.addMembers(em, provider, id, memberIds(op.value), false)));
        else if (path === 'members' && op.op === 'replace') {
          touched.push(...(await this.removeMembers(em, id, null)));
          touched.push(...(await this.addMembers(em, provider, id, memberIds(op.value), false)));
        } else if (path === 'members' && op.op === 'remove')
          touched.push(
            ...(await this.removeMembers(
              em,
              id,
              op.value === undefined ? null : memberIds(op.value),
            )),
          );
        else if (one && op.op === 'remove')
          touched.push(...(await this.removeMembers(em, id, [one[1]])));
        else if (path === 'displayname' && op.op === 'replace' && typeof op.value === 'string')
          renamed = op.value;
        else if (
          !path &&
          op.op === 'replace' &&
          typeof (op.value as { displayName?: unknown })?.displayName === 'string'
        )
          renamed = (op.value as { displayName: string }).displayName;
        else
          throw new ScimError(
            400,
            `Unsupported patch of a group: ${op.op} ${op.path ?? ''}`,
            'invalidPath',
          );
      }
      if (renamed !== undefined) await this.rename(em, id, renamed);
      return touched;
    });
  }

  /** PUT: displayName and the whole member list as sent. */
  replace(
    provider: SsoProviderConfig,
    base: string,
    id: string,
    body: Record<string, unknown>,
    requestId: string,
  ) {
    return this.modify(provider, base, id, requestId, async (em) => {
      if (typeof body?.displayName === 'string') await this.rename(em, id, body.displayName);
      const touched = await this.removeMembers(em, id, null);
      touched.push(
        ...(await this.addMembers(
          em,
          provider,
          id,
          body?.members === undefined ? [] : memberIds(body.members),
          false,
        )),
      );
      return touched;
    });
  }

  async remove(provider: SsoProviderConfig, id: string, requestId: string): Promise<void> {
    const changed = await this.ds.transaction(async (em) => {
      await this.get(provider, '', id, em);
      const members = await this.removeMembers(em, id, null);
      await em.query(`DELETE FROM scim_group WHERE id = $1`, [id]);
      const changed = await applyGroupAccess(em, provider, members);
      await logProvisioning(this.log, em, provider, requestId, [
        {
          action: AccessAction.DELETE,
          subjectType: 'SCIM_GROUP',
          ids: [id],
          fields: ['displayName', 'members'],
        },
        {
          action: AccessAction.UPDATE,
          subjectType: 'USER',
          ids: changed,
          fields: ['roles', 'permissions', 'organisation'],
        },
      ]);
      return changed;
    });
    this.changedAccess(changed);
  }

  private async modify(
    provider: SsoProviderConfig,
    base: string,
    id: string,
    requestId: string,
    work: (em: EntityManager) => Promise<string[]>,
  ) {
    const { resource, changed } = await this.ds.transaction(async (em) => {
      await this.get(provider, base, id, em);
      const touched = await work(em);
      await em.query(`UPDATE scim_group SET updated_at = app_now() WHERE id = $1`, [id]);
      const changed = await applyGroupAccess(em, provider, [...new Set(touched)]);
      await logProvisioning(this.log, em, provider, requestId, [
        {
          action: AccessAction.UPDATE,
          subjectType: 'SCIM_GROUP',
          ids: [id],
          fields: ['displayName', 'members'],
        },
        {
          action: AccessAction.UPDATE,
          subjectType: 'USER',
          ids: changed,
          fields: ['roles', 'permissions', 'organisation'],
        },
      ]);
      return { resource: await this.get(provider, base, id, em), changed };
    });
    this.changedAccess(changed);
    return resource;
  }

  /** Members must be this provider's users; an unknown id changes nothing (404). */
  private async addMembers(
    em: EntityManager,
    provider: SsoProviderConfig,
    groupId: string,
    userIds: string[],
    apply = true,
  ): Promise<string[]> {
    if (!userIds.length) return [];
    const known = await queryRows<{ user_id: string }>(
      em,
      `SELECT user_id FROM scim_user WHERE provider_id = $1 AND user_id = ANY($2::uuid[])`,
      [provider.id, userIds],
    );
    if (known.length !== new Set(userIds).size)
      throw new ScimError(404, 'A member is not a user of this provider', 'noTarget');
    await em.query(
      `INSERT INTO scim_group_member (group_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [groupId, userIds],
    );
    return apply ? applyGroupAccess(em, provider, userIds) : userIds;
  }

  private async removeMembers(
    em: EntityManager,
    groupId: string,
    userIds: string[] | null,
  ): Promise<string[]> {
    const removed = await queryRows<{ user_id: string }>(
      em,
      `DELETE FROM scim_group_member WHERE group_id = $1 AND ($2::uuid[] IS NULL OR user_id = ANY($2::uuid[])) RETURNING user_id`,
      [groupId, userIds],
    );
    return removed.map((r) => r.user_id);
  }

  private async rename(em: EntityManager, id: string, name: string): Promise<void> {
    if (!name.trim()) throw new ScimError(400, 'displayName is required', 'invalidValue');
    await em
      .query(`UPDATE scim_group SET display_name = $2 WHERE id = $1`, [id, name.trim()])
      .catch((e: { code?: string }) => {
        if (e.code === '23505')
          throw new ScimError(409, 'A group with that displayName exists', 'uniqueness');
        throw e;
      });
  }

  /**
   * A member's roles changed: the next HTTP request is scoped by the new ones (the token
   * reloads them), and open subscriptions are closed so they are opened again under them.
   */
  private changedAccess(userIds: string[]): void {
    for (const id of userIds) sessionRevocations.revoked(id);
  }
}
