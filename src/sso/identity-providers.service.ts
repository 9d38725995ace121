import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { sessionRevocations } from '../core/auth/session-revocations';
import { Action } from '../core/authorization/actions';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { SsoProviderConfig } from '../core/config/sso-providers';
import { seal } from '../core/crypto/sealed-secret';
import { queryRows } from '../core/database/query-rows';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../core/errors/domain-error';
import { ConfigureIdentityProviderInput, IdentityProviderModel } from './identity-provider.dto';
import {
  isLoopback,
  PROVIDER_COLUMNS,
  SsoProviderRow,
  SsoProvidersService,
} from './sso-providers.service';

/**
 * Identity providers a municipality admin configures for the own municipality: issuer,
 * client, claims, the group mapping. The client secret goes in sealed and never comes out.
 * Every change is an access-log row; a removed provider takes its links and sessions along.
 */
@Injectable()
export class IdentityProvidersService {
  constructor(
    private readonly ds: DataSource,
    private readonly providers: SsoProvidersService,
    private readonly log: AccessLogWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(ctx: RequestContext): Promise<IdentityProviderModel[]> {
    const code = ctx.actor.municipalityCode;
    const rows = await queryRows<SsoProviderRow>(
      this.ds,
      `SELECT ${PROVIDER_COLUMNS} FROM sso_provider WHERE municipality_code = $1 ORDER BY slug`,
      [code],
    );
    return [
      ...this.config.ssoProviders
        .filter((p) => p.municipalityCode === code)
        .map((p) => this.model(p, false)),
      ...rows.map((r) => this.model(this.providers.fromRow(r), true)),
    ];
  }

  async configure(
    ctx: RequestContext,
    input: ConfigureIdentityProviderInput,
  ): Promise<IdentityProviderModel> {
    const code = ctx.actor.municipalityCode;
    if (!ctx.ability.can(Action.Update, 'IdentityProvider')) throw new ForbiddenError();
    if (this.config.ssoProviders.some((p) => p.id === input.id))
      throw new ConflictError('That provider id is taken by the configuration');
    let issuer: URL;
    try {
      issuer = new URL(input.issuer);
    } catch {
      throw new BadInputError('issuer must be a URL', { field: 'issuer' });
    }
    if (issuer.protocol !== 'https:' && !isLoopback(issuer))
      throw new BadInputError('issuer must be https (http only for this machine)', {
        field: 'issuer',
      });
    const groups = Object.fromEntries(
      (input.groups ?? []).map((g) => [
        g.group,
        {
          organisationId: g.organisationId,
          roles: [...new Set(g.roles)],
          permissions: [...new Set(g.permissions ?? [])],
        },
      ]),
    );
    const acrLevels = Object.fromEntries((input.acrLevels ?? []).map((a) => [a.acr, a.level]));
    return this.ds.transaction(async (em) => {
      const orgs = [...new Set(Object.values(groups).map((g) => g.organisationId))];
      const [{ n }] = await queryRows<{ n: number }>(
        em,
        `SELECT count(*)::int AS n FROM organisation WHERE id = ANY($1::uuid[]) AND municipality_code = $2`,
        [orgs, code],
      );
      // An organisation of another municipality answers like one that does not exist.
      if (n !== orgs.length) throw new NotFoundError('Organisation');
      const [existing] = await queryRows<{ id: string; municipality_code: string }>(
        em,
        `SELECT id, municipality_code FROM sso_provider WHERE slug = $1 FOR UPDATE`,
        [input.id],
      );
      if (existing && existing.municipality_code !== code)
        throw new ConflictError('That provider id is taken');
      if (!existing && !input.clientSecret)
        throw new BadInputError('clientSecret is required for a new provider', {
          field: 'clientSecret',
        });
      const sealed = input.clientSecret ? seal(this.config.secretsKey, input.clientSecret) : null;
      const [row] = await queryRows<SsoProviderRow>(
        em,
        `INSERT INTO sso_provider (slug, municipality_code, issuer, client_id, client_secret_sealed, subject_claim,
                                   group_claim, groups, acr_levels, multi_factor_level, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (slug) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
           client_secret_sealed = coalesce($12, sso_provider.client_secret_sealed),
           subject_claim = EXCLUDED.subject_claim, group_claim = EXCLUDED.group_claim, groups = EXCLUDED.groups,
           acr_levels = EXCLUDED.acr_levels, multi_factor_level = EXCLUDED.multi_factor_level,
           updated_by = EXCLUDED.updated_by, updated_at = app_now()
         RETURNING ${PROVIDER_COLUMNS}`,
        [
          input.id,
          code,
          issuer.toString().replace(/\/$/, ''),
          input.clientId,
          sealed ?? '',
          input.subjectClaim ?? 'sub',
          input.groupClaim ?? null,
          JSON.stringify(groups),
          JSON.stringify(acrLevels),
          input.multiFactorLevel ?? 3,
          ctx.actor.userId,
          sealed,
        ],
      );
      const fields = [
        'issuer',
        'clientId',
        'subjectClaim',
        'groupClaim',
        'groups',
        'acrLevels',
        'multiFactorLevel',
      ];
      await this.audit(em, ctx, existing ? AccessAction.UPDATE : AccessAction.CREATE, row.id, [
        ...fields,
        ...(input.clientSecret ? ['clientSecret'] : []),
      ]);
      return this.model(this.providers.fromRow(row), true);
    });
  }

  async remove(ctx: RequestContext, id: string): Promise<boolean> {
    const ended = await this.ds.transaction(async (em) => {
      const [row] = await queryRows<{ id: string }>(
        em,
        `DELETE FROM sso_provider WHERE slug = $1 AND municipality_code = $2 RETURNING id`,
        [id, ctx.actor.municipalityCode],
      );
      if (!row) throw new NotFoundError('Identity provider');
      await em.query(`DELETE FROM sso_identity WHERE provider_id = $1`, [id]);
      await em.query(`DELETE FROM sso_invitation WHERE provider_id = $1`, [id]);
      const ended = await queryRows<{ user_id: string }>(
        em,
        `UPDATE refresh_token SET revoked_at = app_now() WHERE sso_provider_id = $1 AND revoked_at IS NULL RETURNING user_id`,
        [id],
      );
      await this.audit(em, ctx, AccessAction.DELETE, row.id, ['identityProvider']);
      return [...new Set(ended.map((r) => r.user_id))];
    });
    // Their open subscriptions end too.
    for (const userId of ended) sessionRevocations.revoked(userId);
    return true;
  }

  private audit(
    em: import('typeorm').EntityManager,
    ctx: RequestContext,
    action: AccessAction,
    id: string,
    fields: string[],
  ) {
    return this.log.record(em, ctx, [
      {
        action,
        subjectType: 'IDENTITY_PROVIDER',
        subjectIds: [id],
        fields,
        legalBasis: LegalBasis.ADMINISTRATION,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
  }

  private model(p: SsoProviderConfig, byAdmin: boolean): IdentityProviderModel {
    return {
      id: p.id,
      municipalityCode: p.municipalityCode,
      issuer: p.issuer,
      clientId: p.clientId,
      subjectClaim: p.subjectClaim,
      groupClaim: p.groupClaim,
      groups: Object.entries(p.groups).map(([group, m]) => ({ group, ...m })),
      acrLevels: Object.entries(p.acrLevels).map(([acr, level]) => ({ acr, level })),
      multiFactorLevel: p.multiFactorLevel,
      configuredByAdmin: byAdmin,
      loginUrl: `${this.config.publicUrl}/auth/oidc/${p.id}/login`,
      callbackUrl: this.providers.callbackUrl(p),
    };
  }
}
