import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, UnauthenticatedError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { Actor } from './actor';
import { accessTokenKey } from './access-token-key';
import { inForce } from './assurance';

/** What a disabled user's token or refresh token is told (also auth.service's refresh). */
export const ACCOUNT_DISABLED = 'The account is disabled; ask your administrator';

export interface AccessTokenPayload {
  sub: string;
  typ: 'access';
  /** The session (refresh-token family): a token of an ended session is refused. */
  sid?: string;
}

/**
 * Verifies the bearer token, then reloads the user on every request: a disabled user,
 * a session ended (logout, the provider's back-channel logout, deprovisioning), or one
 * moved to another organisation, is refused or re-scoped at once, and a permission
 * holds only while its grant is in force (revoked or past its end date: gone).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: accessTokenKey(config.jwtSecret),
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: AccessTokenPayload): Promise<Actor> {
    if (payload.typ !== 'access' || typeof payload.sub !== 'string')
      throw new UnauthenticatedError();
    const rows: {
      id: string;
      organisation_id: string;
      kind: Actor['organisationKind'];
      municipality_code: string;
      region_code: string | null;
      roles: Actor['roles'];
      permissions: Actor['permissions'];
      active: boolean;
      session_open: boolean;
      assurance_level: number | null;
    }[] = await this.ds
      .query(
        `SELECT u.id, u.organisation_id, o.kind, u.municipality_code, o.region_code, u.roles,
                permissions_in_force(u.id) AS permissions, u.active,
                ($2::uuid IS NULL OR s.open) AS session_open, s.assurance_level
           FROM app_user u JOIN organisation o ON o.id = u.organisation_id
           LEFT JOIN LATERAL (SELECT bool_or(r.revoked_at IS NULL) AS open,
                                     max(r.assurance_level) AS assurance_level
                                FROM refresh_token r WHERE r.family_id = $2::uuid) s ON true
           WHERE u.id = $1`,
        [payload.sub, typeof payload.sid === 'string' ? payload.sid : null],
      )
      .catch(() => {
        // The token verified; only the database failed. Not UNAUTHENTICATED, which tells
        // the client to drop its session.
        throw new DomainError(
          ErrorCode.SERVICE_UNAVAILABLE,
          'The service is temporarily unavailable',
        );
      });
    if (rows.length === 0) throw new UnauthenticatedError();
    const u = rows[0];
    // The token is the holder's own: telling them the account is disabled reveals nothing.
    if (!u.active) throw new UnauthenticatedError(ACCOUNT_DISABLED, { reason: 'ACCOUNT_DISABLED' });
    // A session that ended (logout, back-channel logout) takes its access tokens with it.
    if (!u.session_open) throw new UnauthenticatedError();
    // A role or permission that asks for a stronger sign-in than this session's is not in
    // force for it (a password alone does not open EMERGENCY_ACCESS), whenever it was granted.
    const assuranceLevel = u.assurance_level ?? 1;
    const { roles, permissions, withheld } = inForce(
      this.config.assuranceLevels,
      assuranceLevel,
      u.roles,
      u.permissions,
    );
    return {
      userId: u.id,
      organisationId: u.organisation_id,
      organisationKind: u.kind,
      municipalityCode: u.municipality_code,
      regionCode: u.region_code,
      roles,
      permissions,
      session: { id: payload.sid ?? null, assuranceLevel, withheld },
    };
  }
}
