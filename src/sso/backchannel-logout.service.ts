import { Injectable, Logger } from '@nestjs/common';
import { queryRows } from '../core/database/query-rows';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { SessionRevocations } from '../core/auth/session-revocations';
import { jose } from './openid-client';
import { SsoProvidersService } from './sso-providers.service';

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token; the
 * portal checks it (signature by the provider's keys, issuer, audience, age, the logout
 * event, no nonce) and ends the sessions it names, by the provider's session id or, when
 * the token names only the user, every session of that user begun through the provider.
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
        maxTokenAge: '5 minutes',
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
    if (!events || typeof events[LOGOUT_EVENT] !== 'object' || 'nonce' in claims || (!sid && !sub))
      return false;
    await this.ds.transaction(async (em) => {
      const ended = await queryRows<{ user_id: string; municipality_code: string }>(
        em,
        `UPDATE refresh_token r SET revoked_at = app_now()
           FROM app_user u
          WHERE u.id = r.user_id AND r.revoked_at IS NULL AND r.sso_provider_id = $1
            AND (($2::text IS NOT NULL AND r.sso_session_id = $2)
              OR ($2::text IS NULL AND r.user_id = (SELECT user_id FROM sso_identity WHERE provider_id = $1 AND subject = $3)))
          RETURNING r.user_id, u.municipality_code`,
        [provider.id, sid, sub],
      );
      const users = [...new Set(ended.map((r) => r.user_id))];
      if (!users.length) return;
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
    });
    return true;
  }
}
