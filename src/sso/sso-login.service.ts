import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { queryRows } from '../core/database/query-rows';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { AuthService } from '../auth/auth.service';
import { AuthPayload } from '../auth/dto/auth.dto';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { SsoProviderConfig } from '../core/config/sso-providers';
import { Permission, Role } from '../identity/role.enum';
import { requiredLevel, twoFactorsByAmr } from '../core/auth/assurance';
import { UserEntity } from '../identity/user.entity';
import { oidc } from './openid-client';
import { SsoProvidersService } from './sso-providers.service';
import { accessFromGroups } from './group-mapping';

/** Why a provider login did not become a portal session; the browser gets the code. */
export type SsoRefusal =
  | 'SSO_UNKNOWN_PROVIDER'
  | 'SSO_INVALID_RESPONSE'
  | 'SSO_NOT_LINKED'
  | 'SSO_NO_PORTAL_ROLE'
  | 'SSO_ASSURANCE_TOO_LOW';

export class SsoRefusedError extends Error {
  constructor(
    readonly code: SsoRefusal,
    readonly userId: string | null = null,
  ) {
    super(code);
  }
}

const LOGIN_STATE_MINUTES = 10;

function acrValues(provider: SsoProviderConfig): string | undefined {
  const values = Object.entries(provider.acrLevels).sort(([, a], [, b]) => b - a);
  return values.length ? values.map(([v]) => v).join(' ') : undefined;
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/**
 * The authorization code flow with PKCE (openid-client), ending in the portal's own
 * session: the provider's login is checked (issuer, audience, signature, expiry, nonce,
 * state, PKCE, one use of the code), the user found by subject, roles taken from the
 * group claim, the assurance level checked against the user's permissions.
 */
@Injectable()
export class SsoLoginService {
  private readonly logger = new Logger(SsoLoginService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly providers: SsoProvidersService,
    private readonly auth: AuthService,
    private readonly log: AccessLogWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where to send the browser: the provider's authorization endpoint. */
  async start(providerId: string, invitation: string | undefined): Promise<string> {
    const provider = await this.providers.find(providerId);
    if (!provider) throw new SsoRefusedError('SSO_UNKNOWN_PROVIDER');
    const configuration = await this.providers.configuration(provider);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.ds.query(
      `INSERT INTO sso_login_state (state, provider_id, code_verifier, nonce, invitation_token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, app_now() + make_interval(mins => $6))`,
      [
        state,
        provider.id,
        codeVerifier,
        nonce,
        invitation ? sha256(invitation) : null,
        LOGIN_STATE_MINUTES,
      ],
    );
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.providers.callbackUrl(provider),
        scope: 'openid profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        // The levels the portal understands, strongest first: the provider names the one used.
        ...(acrValues(provider) ? { acr_values: acrValues(provider)! } : {}),
      })
      .toString();
  }

  /** The provider sent the browser back: redeem the code and open the portal session. */
  async callback(providerId: string, currentUrl: URL, requestId: string): Promise<AuthPayload> {
    const provider = await this.providers.find(providerId);
    if (!provider) throw new SsoRefusedError('SSO_UNKNOWN_PROVIDER');
    const state = currentUrl.searchParams.get('state') ?? '';
    // One use: the row goes whatever happens next, so a replayed callback finds nothing.
    const [login] = await queryRows<{
      code_verifier: string;
      nonce: string;
      invitation_token_hash: string | null;
    }>(
      this.ds,
      `DELETE FROM sso_login_state WHERE state = $1 AND provider_id = $2 AND expires_at > app_now()
       RETURNING code_verifier, nonce, invitation_token_hash`,
      [state, provider.id],
    );
    if (!login) throw new SsoRefusedError('SSO_INVALID_RESPONSE');
    const configuration = await this.providers.configuration(provider);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: login.code_verifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (e) {
      // The library's reason (no personal data: codes and claim names) for the server log.
      this.logger.warn(
        {
          requestId,
          provider: provider.id,
          reason: (e as Error).message,
          code: (e as { code?: string }).code,
        },
        'OpenID login refused',
      );
      throw new SsoRefusedError('SSO_INVALID_RESPONSE');
    }
    return this.ds.transaction(async (em) => {
      const user = await this.userFor(em, provider, claims, login.invitation_token_hash);
      const [{ permissions }] = await em.query<{ permissions: Permission[] }[]>(
        `SELECT permissions_in_force($1) AS permissions`,
        [user.id],
      );
      const level = this.checkAssurance(provider, user.roles, permissions, claims, user.id);
      await this.log.record(
        em,
        {
          requestId,
          userId: user.id,
          organisationId: user.organisationId,
          municipalityCode: user.municipalityCode,
        },
        [
          {
            action: AccessAction.LOGIN_SUCCEEDED,
            subjectType: 'USER',
            subjectIds: [user.id],
            legalBasis: LegalBasis.AUTHENTICATION,
            subjectMunicipalityCode: user.municipalityCode,
          },
        ],
      );
      const sid = typeof claims.sid === 'string' ? claims.sid : null;
      return this.auth.issue(em, user, null, { providerId: provider.id, sessionId: sid }, level);
    });
  }

  /**
   * By subject only. An unknown subject is linked to an account only through an
   * invitation an admin made for that account and provider, never by e-mail.
   */
  private async userFor(
    em: EntityManager,
    provider: SsoProviderConfig,
    claims: Record<string, unknown>,
    invitationHash: string | null,
  ): Promise<UserEntity> {
    const subject = claims[provider.subjectClaim];
    if (typeof subject !== 'string' || !subject) throw new SsoRefusedError('SSO_INVALID_RESPONSE');
    // The id_token's sub (always there), kept for back-channel logout tokens, which name
    // the user by it even when subjectClaim is another claim.
    const sub = String(claims.sub);
    const [linked] = await queryRows<{ user_id: string }>(
      em,
      `UPDATE sso_identity SET provider_sub = $3 WHERE provider_id = $1 AND subject = $2
       RETURNING user_id`,
      [provider.id, subject, sub],
    );
    let userId = linked?.user_id;
    if (!userId && invitationHash) {
      const [invited] = await queryRows<{ user_id: string }>(
        em,
        `UPDATE sso_invitation SET used_at = app_now()
          WHERE token_hash = $1 AND provider_id = $2 AND used_at IS NULL AND expires_at > app_now()
            AND NOT EXISTS (SELECT 1 FROM sso_identity i WHERE i.provider_id = $2 AND i.user_id = sso_invitation.user_id)
          RETURNING user_id`,
        [invitationHash, provider.id],
      );
      if (invited) {
        await em.query(
          `INSERT INTO sso_identity (provider_id, subject, user_id, provider_sub) VALUES ($1, $2, $3, $4)`,
          [provider.id, subject, invited.user_id, sub],
        );
        userId = invited.user_id;
      }
    }
    if (!userId) throw new SsoRefusedError('SSO_NOT_LINKED');
    const user = await em.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user?.active || user.municipalityCode !== provider.municipalityCode)
      throw new SsoRefusedError('SSO_NOT_LINKED', userId);
    if (provider.groupClaim)
      await this.applyGroups(em, provider, user, claims[provider.groupClaim]);
    return user;
  }

  /** The provider's groups decide the roles, permissions and organisation at each login. */
  private async applyGroups(
    em: EntityManager,
    provider: SsoProviderConfig,
    user: UserEntity,
    groups: unknown,
  ): Promise<void> {
    const access = accessFromGroups(
      provider,
      (Array.isArray(groups) ? groups : []).filter((g): g is string => typeof g === 'string'),
    );
    if (!access) throw new SsoRefusedError('SSO_NO_PORTAL_ROLE', user.id);
    const { roles, permissions, organisationId } = access;
    const changed =
      roles.join() !== [...user.roles].sort().join() ||
      permissions.join() !== [...user.permissions].sort().join() ||
      organisationId !== user.organisationId;
    if (!changed) return;
    // The composite foreign key keeps the organisation inside the user's municipality.
    await em.query(
      `UPDATE app_user SET roles = $2, permissions = $3, organisation_id = $4, updated_at = app_now() WHERE id = $1`,
      [user.id, roles, permissions, organisationId],
    );
    Object.assign(user, { roles, permissions, organisationId });
  }

  /**
   * The login's level (acr, or two factors by amr) against the least level of every role and
   * permission the user holds (ASSURANCE_LEVELS): below it the login is refused, since the
   * provider is where a stronger login has to happen. The session keeps the level.
   */
  private checkAssurance(
    provider: SsoProviderConfig,
    roles: Role[],
    permissions: Permission[],
    claims: Record<string, unknown>,
    userId: string,
  ): number {
    const acrLevel = typeof claims.acr === 'string' ? (provider.acrLevels[claims.acr] ?? 1) : 1;
    const mfaLevel = twoFactorsByAmr(claims.amr) ? provider.multiFactorLevel : 1;
    const level = Math.max(acrLevel, mfaLevel);
    if (level < requiredLevel(this.config.assuranceLevels, roles, permissions))
      throw new SsoRefusedError('SSO_ASSURANCE_TOO_LOW', userId);
    return level;
  }
}
