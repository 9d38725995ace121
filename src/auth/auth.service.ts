import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, AccessLogActor, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { DomainError, UnauthenticatedError } from '../core/errors/domain-error';
import { ErrorCode } from '../core/errors/error-code';
import { SecondFactorCheck, SecondFactorService } from './second-factor/second-factor.service';
import { UserModel } from '../identity/models/user.model';
import { UserEntity } from '../identity/user.entity';
import { AuthPayload } from './dto/auth.dto';
import { dummyPasswordHash, verifyPassword } from './password';
import { newRefreshSecret, parseRefreshToken, secretMatches } from './refresh-tokens';
import { Clock } from '../core/clock/clock';
import { ACCOUNT_DISABLED } from '../core/auth/jwt.strategy';
import { queryRows } from '../core/database/query-rows';

const INVALID_LOGIN = 'Invalid e-mail or password';
/** Matches no account: an unknown e-mail runs the same statement as a known one. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/**
 * Why a refresh token was refused, in words the person can act on. The holder presents a
 * token the portal issued to them, so naming the account's state reveals nothing to a
 * stranger (a wrong e-mail or password at login still gets INVALID_LOGIN alone).
 */
export const REFRESH_REFUSED = {
  ACCOUNT_DISABLED,
  TOKEN_REUSED: 'Refresh token already used; please log in again',
  SESSION_ENDED: 'The session has ended; please log in again',
  SESSION_EXPIRED: 'The session has expired; please log in again',
} as const;

type RefreshRefusal = keyof typeof REFRESH_REFUSED;

/**
 * Login, refresh-token rotation and logout. Every outcome is written to the access log
 * (ids only: the e-mail typed is never logged).
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly log: AccessLogWriter,
    private readonly secondFactor: SecondFactorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(
    email: string,
    password: string,
    requestId: string,
    secondFactor?: string,
  ): Promise<AuthPayload> {
    const user = await this.ds
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    // Unknown, locked, disabled and wrong all cost one password check and one write, and
    // answer with the same error: neither the message, the code nor the timing tells
    // whether the account exists or is locked.
    const passwordOk = await verifyPassword(
      user?.passwordHash ?? (await dummyPasswordHash()),
      password,
    );
    if (!user || (user.lockedUntil && user.lockedUntil > this.clock.now())) {
      await this.recordFailure(user, requestId);
      if (!user) this.logger.warn({ requestId, outcome: 'unknown-account' }, 'login failed');
      throw new UnauthenticatedError(INVALID_LOGIN);
    }
    if (!passwordOk || !user.active) {
      await this.recordFailure(user, requestId);
      throw new UnauthenticatedError(INVALID_LOGIN);
    }
    const outcome = await this.ds.transaction(async (em) => {
      // An enrolled second factor is asked for whatever the user's roles: it is their login.
      let factor: SecondFactorCheck | null = null;
      if (await this.secondFactor.enrolled(em, user.id)) {
        if (!secondFactor) return 'MISSING' as const;
        factor = await this.secondFactor.check(em, user.id, secondFactor);
        if (factor === 'INVALID') return factor;
      }
      await em.query(
        `UPDATE app_user SET failed_login_count = 0, locked_until = NULL WHERE id = $1`,
        [user.id],
      );
      await this.audit(em, { requestId, userId: user.id }, AccessAction.LOGIN_SUCCEEDED, user, [
        ...(factor ? ['password', factor] : ['password']),
      ]);
      this.logger.log({ requestId, userId: user.id }, 'login succeeded');
      const level = factor ? this.config.localTwoFactorLevel : 1;
      return this.issue(em, user, null, undefined, level);
    });
    if (outcome === 'MISSING')
      throw new DomainError(
        ErrorCode.SECOND_FACTOR_REQUIRED,
        'Give the code from your authenticator app, or a recovery code',
      );
    // A wrong code counts as a failed login (toward the lock), so codes cannot be guessed.
    if (outcome === 'INVALID') {
      await this.recordFailure(user, requestId);
      throw new UnauthenticatedError(INVALID_LOGIN);
    }
    return outcome;
  }

  /** Rotates a refresh token. Presenting a retired token revokes its whole family. */
  async refresh(token: string, requestId: string): Promise<AuthPayload> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw new UnauthenticatedError('Invalid refresh token');
    const outcome = await this.ds.transaction(async (em) => {
      const rows: {
        family_id: string;
        token_hash: string;
        expires_at: Date;
        rotated_at: Date | null;
        revoked_at: Date | null;
        user_id: string;
      }[] = await em.query(`SELECT * FROM refresh_token WHERE id = $1 FOR UPDATE`, [parsed.id]);
      const row = rows[0];
      if (!row || !secretMatches(parsed.secret, row.token_hash))
        throw new UnauthenticatedError('Invalid refresh token');
      const user = await em.getRepository(UserEntity).findOneBy({ id: row.user_id });
      // The account's state first: a disabled user is told so, not that the token was used.
      if (!user?.active) return 'ACCOUNT_DISABLED' as RefreshRefusal;
      if (row.rotated_at) {
        await em.query(
          `UPDATE refresh_token SET revoked_at = app_now() WHERE family_id = $1 AND revoked_at IS NULL`,
          [row.family_id],
        );
        await this.audit(
          em,
          { requestId, userId: row.user_id },
          AccessAction.REFRESH_TOKEN_REUSED,
          user,
        );
        this.logger.warn({ requestId, userId: row.user_id }, 'refresh token reuse: family revoked');
        return 'TOKEN_REUSED' as RefreshRefusal;
      }
      if (row.revoked_at) return 'SESSION_ENDED' as RefreshRefusal;
      if (row.expires_at <= this.clock.now()) return 'SESSION_EXPIRED' as RefreshRefusal;
      await em.query(`UPDATE refresh_token SET rotated_at = app_now() WHERE id = $1`, [parsed.id]);
      return this.issue(em, user, row.family_id);
    });
    // Thrown after the transaction, so a reuse's revocation of the family is kept.
    if (typeof outcome === 'string')
      throw new UnauthenticatedError(REFRESH_REFUSED[outcome], { reason: outcome });
    return outcome;
  }

  /** Ends the session the refresh token belongs to (its whole rotation family). */
  async logout(token: string, requestId: string): Promise<boolean> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return false;
    return this.ds.transaction(async (em) => {
      const rows: { family_id: string; token_hash: string; user_id: string }[] = await em.query(
        `SELECT family_id, token_hash, user_id FROM refresh_token WHERE id = $1`,
        [parsed.id],
      );
      if (!rows[0] || !secretMatches(parsed.secret, rows[0].token_hash)) return false;
      await em.query(
        `UPDATE refresh_token SET revoked_at = app_now() WHERE family_id = $1 AND revoked_at IS NULL`,
        [rows[0].family_id],
      );
      const user = await em.getRepository(UserEntity).findOneBy({ id: rows[0].user_id });
      await this.audit(em, { requestId, userId: rows[0].user_id }, AccessAction.LOGOUT, user);
      return true;
    });
  }

  /**
   * One statement for every failure (an unknown account matches no row, a locked one
   * keeps its lock), so each failure costs the same.
   */
  private async recordFailure(user: UserEntity | null, requestId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const [row] = await queryRows<{
        failed_login_count: number;
        locked_until: Date | null;
        newly_locked: boolean;
      }>(
        em,
        `UPDATE app_user SET
           failed_login_count = CASE WHEN locked_until > app_now() THEN failed_login_count
             WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
           locked_until = CASE WHEN locked_until > app_now() THEN locked_until
             WHEN failed_login_count + 1 >= $2 THEN app_now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1 RETURNING failed_login_count, locked_until, (locked_until IS DISTINCT FROM $4::timestamptz) AS newly_locked`,
        [
          user?.id ?? NO_USER,
          this.config.loginMaxFailures,
          this.config.loginLockMinutes,
          user?.lockedUntil ?? null,
        ],
      );
      await this.audit(em, { requestId }, AccessAction.LOGIN_FAILED, user);
      if (user && row?.locked_until && row.failed_login_count === 0 && row.newly_locked) {
        await this.audit(em, { requestId }, AccessAction.ACCOUNT_LOCKED, user);
        this.logger.warn(
          { requestId, userId: user.id },
          'account locked after repeated failed logins',
        );
      }
    });
  }

  /**
   * A new session (familyId null) or the next token of one. A session begun through an
   * identity provider remembers the provider's session id for its back-channel logout;
   * the access token names its session (sid), so ending the session ends the token too.
   */
  async issue(
    em: EntityManager,
    user: UserEntity,
    familyId: string | null,
    sso?: { providerId: string; sessionId: string | null },
    assuranceLevel = 1,
  ): Promise<AuthPayload> {
    const { secret, hash } = newRefreshSecret();
    const refreshExpires = new Date(
      this.clock.now().getTime() + this.config.refreshTokenTtlDays * 86_400_000,
    );
    const [{ id, family_id }]: { id: string; family_id: string }[] = await em.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at, sso_provider_id, sso_session_id, assurance_level)
       SELECT $1, coalesce($2::uuid, gen_random_uuid()), $3, $4,
              coalesce($5, prev.sso_provider_id), coalesce($6, prev.sso_session_id),
              coalesce(prev.assurance_level, $7)
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (SELECT sso_provider_id, sso_session_id, assurance_level FROM refresh_token
                             WHERE family_id = $2::uuid ORDER BY assurance_level DESC LIMIT 1) prev ON true
       RETURNING id, family_id`,
      [
        user.id,
        familyId,
        hash,
        refreshExpires,
        sso?.providerId ?? null,
        sso?.sessionId ?? null,
        assuranceLevel,
      ],
    );
    const accessToken = await this.jwt.signAsync({ sub: user.id, typ: 'access', sid: family_id });
    // The JWT library signs and checks expiry on the machine's clock, not the portal's:
    // report the expiry the token itself carries, so a pinned clock cannot misstate it.
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return {
      accessToken,
      accessTokenExpiresAt: new Date(exp * 1000),
      refreshToken: `${id}.${secret}`,
      refreshTokenExpiresAt: refreshExpires,
      user: UserModel.from(user),
    };
  }

  private audit(
    em: EntityManager,
    actor: AccessLogActor,
    action: AccessAction,
    user: UserEntity | null,
    fields?: string[],
  ) {
    return this.log.record(
      em,
      {
        ...actor,
        organisationId: actor.userId ? user?.organisationId : null,
        municipalityCode: actor.userId ? user?.municipalityCode : null,
      },
      [
        {
          action,
          subjectType: 'USER',
          subjectIds: user ? [user.id] : [],
          ...(fields ? { fields } : {}),
          legalBasis: LegalBasis.AUTHENTICATION,
          subjectMunicipalityCode: user?.municipalityCode ?? null,
        },
      ],
    );
  }
}
