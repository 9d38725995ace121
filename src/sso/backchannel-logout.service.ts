import { Injectable, Logger } from '@nestjs/common';
import { machineNow } from '../core/clock/clock';
import { queryRows } from '../core/database/query-rows';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { SessionRevocations } from '../core/auth/session-revocations';
import { jose } from './openid-client';
import { SsoProvidersService } from './sso-providers.service';

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const MAX_AGE_SECONDS = 5 * 60;
/** A jti is kept a minute past the age check, so that no replay slips in at the edge. */
const JTI_KEPT_SECONDS = MAX_AGE_SECONDS + 60;

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token; the
 * portal checks it (signature by the provider's keys, issuer, audience, age, the logout
 * event, no nonce, a jti not seen before) and ends the sessions it names, by the
 * provider's session id or, when the token names only the user (by the id_token's sub,
 * whatever claim the portal knows the user by), every session of that user begun through
 * the provider. A replayed token is refused and changes nothing.
 */
@Injectable()
export class BackchannelLogoutService {
  private readonly logger = new Logger(BackchannelLogoutService.name);
  private readonly keySets = new Map<string, ReturnType<typeof jose.createRemoteJWKSet>>();

  constructor(
    private readonly ds: DataSource,
    private readonly providers: SsoProvidersService,
    private readonly log: AccessLogWriter,
    private readonly revocations: SessionRevocations,
  ) {}

  /** false: the token is not a valid logout token of this provider. */
  async logout(providerId: string, logoutToken: string, requestId: string): Promise<boolean> {
    const provider = await this.providers.find(providerId);
    if (!provider || !logoutToken) return false;
    const configuration = await this.providers.configuration(provider);
    const metadata = configuration.serverMetadata();
    if (!metadata.jwks_uri) return false;
    let keys = this.keySets.get(provider.id);
    if (!keys) {
      keys = jose.createRemoteJWKSet(new URL(metadata.jwks_uri));
      this.keySets.set(provider.id, keys);
    }
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jose.jwtVerify(logoutToken, keys, {
        issuer: metadata.issuer,
        audience: provider.clientId,
        maxTokenAge: MAX_AGE_SECONDS,
        typ: undefined,
      }));
    } catch (e) {
      this.logger.warn(
        { requestId, provider: provider.id, reason: (e as Error).message },
        'logout token refused',
      );
      return false;
    }
    const events = claims.events as Record<string, unknown> | undefined;
    const sid = typeof claims.sid === 'string' ? claims.sid : null;
    const sub = typeof claims.sub === 'string' ? claims.sub : null;
    const jti = typeof claims.jti === 'string' && claims.jti.length <= 500 ? claims.jti : null;
    if (
      !events ||
      typeof events[LOGOUT_EVENT] !== 'object' ||
      'nonce' in claims ||
      (!sid && !sub) ||
      !jti
    )
      return false;
    return this.ds.transaction(async (em) => {
      // The machine's clock, not the app's (which may be pinned): the token's age is
      // checked on it, as the provider stamps iat.
      await em.query(`DELETE FROM sso_logout_token WHERE expires_at <= $1`, [machineNow()]);
      const fresh = await queryRows(
        em,
        `INSERT INTO sso_logout_token (issuer, jti, expires_at)
         VALUES ($1, $2, to_timestamp($3) + make_interval(secs => $4))
         ON CONFLICT DO NOTHING RETURNING 1`,
        [metadata.issuer, jti, claims.iat, JTI_KEPT_SECONDS],
      );
      if (!fresh.length) {
        this.logger.warn({ requestId, provider: provider.id }, 'logout token replayed');
        return false;
      }
      const ended = await queryRows<{ user_id: string; municipality_code: string }>(
        em,
        `UPDATE refresh_token r SET revoked_at = app_now()
           FROM app_user u
          WHERE u.id = r.user_id AND r.revoked_at IS NULL AND r.sso_provider_id = $1
            AND (($2::text IS NOT NULL AND r.sso_session_id = $2)
              OR ($2::text IS NULL AND r.user_id IN (
                    SELECT user_id FROM sso_identity WHERE provider_id = $1
                       AND (CASE WHEN $4 THEN subject ELSE provider_sub END) = $3)))
          RETURNING r.user_id, u.municipality_code`,
        // The token's sub is the id_token's (§2.4): the subject itself when that is the
        // claim users are known by, else the sub the identity kept at its latest login.
        [provider.id, sid, sub, provider.subjectClaim === 'sub'],
      );
      const users = [...new Set(ended.map((r) => r.user_id))];
      if (!users.length) return true;
      await this.log.record(em, { requestId }, [
        {
          action: AccessAction.LOGOUT,
          subjectType: 'USER',
          subjectIds: users,
          legalBasis: LegalBasis.AUTHENTICATION,
          subjectMunicipalityCode: provider.municipalityCode,
        },
      ]);
      for (const u of users) this.revocations.revoked(u);
      return true;
    });
  }
}
