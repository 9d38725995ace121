import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { seal, unseal } from '../../core/crypto/sealed-secret';
import { queryRows } from '../../core/database/query-rows';
import { BadInputError, ConflictError } from '../../core/errors/domain-error';
import { UserEntity } from '../../identity/user.entity';

const RECOVERY_CODES = 10;
/** Codes of the step before and after are accepted too: phones' clocks drift. */
const TOLERANCE_SECONDS = 30;
const ISSUER = 'Ungdomsportalen';

/** 10 characters of Crockford base32 (50 bits), shown as xxxxx-xxxxx. */
function newRecoveryCode(): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Recovery codes are random enough that a plain hash keeps them; typing is forgiving. */
export function recoveryCodeHash(code: string): string {
  const normal = code.trim().toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(normal).digest('hex');
}

/** What a second factor given at login turned out to be. */
export type SecondFactorCheck = 'TOTP' | 'RECOVERY_CODE' | 'INVALID';

/**
 * TOTP (RFC 6238, otplib) for local logins, with one-use recovery codes. The secret is
 * sealed in the database; a code is accepted once (its time step must be later than the
 * last one used), so a code seen over a shoulder or replayed from a log does not work.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new secret, not yet in force: it counts once the user confirms a code from it. */
  async startEnrolment(ctx: RequestContext): Promise<{ secret: string; otpauthUri: string }> {
    const user = await this.ds.getRepository(UserEntity).findOneByOrFail({ id: ctx.actor.userId });
    const secret = generateSecret();
    await this.ds.transaction(async (em) => {
      const [replaced] = await queryRows<{ user_id: string }>(
        em,
        `INSERT INTO user_totp (user_id, secret_sealed) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = app_now()
           WHERE user_totp.confirmed_at IS NULL
         RETURNING user_id`,
        [user.id, seal(this.config.secretsKey, secret)],
      );
      if (!replaced)
        throw new ConflictError(
          'A second factor is already enrolled; an administrator can reset it',
        );
      await this.audit(em, ctx, user.id, ['secondFactor']);
    });
    return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: user.email, secret }) };
  }

  /**
   * The first code proves the authenticator holds the secret. The recovery codes are shown
   * this once. The session that confirmed has now shown both factors, so it is raised.
   */
  async confirmEnrolment(ctx: RequestContext, code: string): Promise<string[]> {
    return this.ds.transaction(async (em) => {
      const [row] = await queryRows<{ secret_sealed: string; confirmed_at: Date | null }>(
        em,
        `SELECT secret_sealed, confirmed_at FROM user_totp WHERE user_id = $1 FOR UPDATE`,
        [ctx.actor.userId],
      );
      if (!row || row.confirmed_at)
        throw new ConflictError('No enrolment to confirm; start one first');
      const step = await this.timeStep(row.secret_sealed, code, null);
      if (step === null) throw new BadInputError('The code does not match');
      await em.query(
        `UPDATE user_totp SET confirmed_at = app_now(), last_time_step = $2 WHERE user_id = $1`,
        [ctx.actor.userId, step],
      );
      const codes = await this.replaceRecoveryCodes(em, ctx.actor.userId);
      if (ctx.actor.session?.id)
        await em.query(
          `UPDATE refresh_token SET assurance_level = greatest(assurance_level, $2) WHERE family_id = $1`,
          [ctx.actor.session.id, this.config.localTwoFactorLevel],
        );
      await this.audit(em, ctx, ctx.actor.userId, ['secondFactor', 'recoveryCodes']);
      return codes;
    });
  }

  /** An administrator removes a lost second factor; the user enrols again at next login. */
  async reset(em: EntityManager, userId: string): Promise<void> {
    await em.query(`DELETE FROM user_totp WHERE user_id = $1`, [userId]);
    await em.query(`DELETE FROM user_recovery_code WHERE user_id = $1`, [userId]);
    // Sessions opened with the factor end with it.
    await em.query(
      `UPDATE refresh_token SET revoked_at = app_now() WHERE user_id = $1 AND revoked_at IS NULL AND assurance_level > 1`,
      [userId],
    );
  }

  async status(userId: string): Promise<{ enrolled: boolean; recoveryCodesLeft: number }> {
    const [row] = await queryRows<{ enrolled: boolean; left: number }>(
      this.ds,
      `SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS enrolled,
              (SELECT count(*)::int FROM user_recovery_code WHERE user_id = $1 AND used_at IS NULL) AS left`,
      [userId],
    );
    return { enrolled: row.enrolled, recoveryCodesLeft: row.left };
  }

  /** Whether the user must give a second factor at login (a confirmed TOTP). */
  async enrolled(em: EntityManager, userId: string): Promise<boolean> {
    const [row] = await queryRows<{ n: number }>(
      em,
      `SELECT count(*)::int AS n FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL`,
      [userId],
    );
    return row.n > 0;
  }

  /**
   * A TOTP code (6 digits) or a recovery code, spent in this transaction: the time step is
   * recorded only if it is later than the last one, a recovery code marked used only if it
   * was not, each in one conditional statement, so two logins racing with one code cannot
   * both pass.
   */
  async check(em: EntityManager, userId: string, code: string): Promise<SecondFactorCheck> {
    if (/^\s*\d{6}\s*$/.test(code)) {
      const [row] = await queryRows<{ secret_sealed: string; last_time_step: string | null }>(
        em,
        `SELECT secret_sealed, last_time_step FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL`,
        [userId],
      );
      if (!row) return 'INVALID';
      const last = row.last_time_step === null ? null : Number(row.last_time_step);
      const step = await this.timeStep(row.secret_sealed, code.trim(), last);
      if (step === null) return 'INVALID';
      const [spent] = await queryRows<{ user_id: string }>(
        em,
        `UPDATE user_totp SET last_time_step = $2
          WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2) RETURNING user_id`,
        [userId, step],
      );
      return spent ? 'TOTP' : 'INVALID';
    }
    const [used] = await queryRows<{ user_id: string }>(
      em,
      `UPDATE user_recovery_code SET used_at = app_now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
      [userId, recoveryCodeHash(code)],
    );
    return used ? 'RECOVERY_CODE' : 'INVALID';
  }

  /**
   * The time step the code belongs to, or null. On the machine's clock, not the portal's
   * (which a test or a demo may pin): the authenticator on the phone keeps real time.
   */
  private async timeStep(
    sealed: string,
    code: string,
    after: number | null,
  ): Promise<number | null> {
    try {
      const result = await verify({
        secret: unseal(this.config.secretsKey, sealed),
        token: code,
        epochTolerance: TOLERANCE_SECONDS,
        ...(after !== null ? { afterTimeStep: after } : {}),
      });
      // The functional API's result type is HOTP's or TOTP's; a TOTP match names its step.
      return result.valid && 'timeStep' in result ? result.timeStep : null;
    } catch {
      // A malformed code is simply not a match.
      return null;
    }
  }

  private async replaceRecoveryCodes(em: EntityManager, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await em.query(`DELETE FROM user_recovery_code WHERE user_id = $1`, [userId]);
    await em.query(
      `INSERT INTO user_recovery_code (user_id, code_hash) SELECT $1, unnest($2::text[])`,
      [userId, codes.map(recoveryCodeHash)],
    );
    return codes;
  }

  private audit(em: EntityManager, ctx: RequestContext, userId: string, fields: string[]) {
    return this.log.record(em, ctx, [
      {
        action: AccessAction.UPDATE,
        subjectType: 'USER',
        subjectIds: [userId],
        fields,
        legalBasis: LegalBasis.AUTHENTICATION,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
  }
}
