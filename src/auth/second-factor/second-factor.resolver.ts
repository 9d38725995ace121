import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { applyAbilityScope } from '../../core/authorization/sql-scope';
import { ForbiddenError, NotFoundError } from '../../core/errors/domain-error';
import { Role } from '../../identity/role.enum';
import { IdArg } from '../../core/graphql/id-arg';
import { UserEntity } from '../../identity/user.entity';
import { RecoveryCodes, SignInStatus, TotpCodeInput, TotpEnrolment } from '../dto/auth.dto';
import { SecondFactorService } from './second-factor.service';

/** The caller's own second factor; an administrator may only remove a lost one. */
@Resolver()
export class SecondFactorResolver {
  constructor(
    private readonly service: SecondFactorService,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  @Allow(Action.Read, 'Me')
  @Query(() => SignInStatus, {
    description: "The caller's second factor and this session's assurance",
  })
  async mySignIn(@Ctx() ctx: RequestContext): Promise<SignInStatus> {
    const { enrolled, recoveryCodesLeft } = await this.service.status(ctx.actor.userId);
    return {
      secondFactorEnrolled: enrolled,
      recoveryCodesLeft,
      assuranceLevel: ctx.actor.session?.assuranceLevel ?? 1,
      withheld: ctx.actor.session?.withheld ?? [],
      permissions: ctx.actor.permissions,
    };
  }

  @Allow(Action.Read, 'Me')
  @Mutation(() => TotpEnrolment, {
    description:
      'Start enrolling a TOTP authenticator app (replaces an unconfirmed one); confirmTotpEnrolment puts it in force',
  })
  startTotpEnrolment(@Ctx() ctx: RequestContext): Promise<TotpEnrolment> {
    return this.service.startEnrolment(ctx);
  }

  @Allow(Action.Read, 'Me')
  @Mutation(() => RecoveryCodes, {
    description:
      'Confirm the enrolment with a code from the app: the second factor is in force from now on (this session too), and the recovery codes come back this once',
  })
  async confirmTotpEnrolment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: TotpCodeInput,
  ): Promise<RecoveryCodes> {
    return { codes: await this.service.confirmEnrolment(ctx, input.code) };
  }

  @Allow(Action.Update, 'User')
  @Mutation(() => Boolean, {
    description:
      "Administrators: remove a user's lost second factor and recovery codes (sessions opened with it end); the user enrols again",
  })
  resetSecondFactor(@Ctx() ctx: RequestContext, @IdArg('userId') userId: string): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const qb = em
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('u.id = :userId', { userId });
      const user = applyAbilityScope(qb, ctx.ability, Action.Update, 'User')
        ? await qb.getOne()
        : null;
      if (!user) throw new NotFoundError('User');
      // As with updateUser: the holder of a municipality-wide role is managed by a municipality admin.
      if (
        user.roles.some((r) => r === Role.MUNICIPALITY_ADMIN || r === Role.AUDITOR) &&
        !ctx.ability.can(Action.Manage, 'AnyRole')
      )
        throw new ForbiddenError('Only a municipality admin may manage this user');
      await this.service.reset(em, user.id);
      await this.log.record(em, ctx, [
        {
          action: AccessAction.UPDATE,
          subjectType: 'USER',
          subjectIds: [user.id],
          fields: ['secondFactor', 'recoveryCodes'],
          legalBasis: LegalBasis.ADMINISTRATION,
          subjectMunicipalityCode: user.municipalityCode,
        },
      ]);
      return true;
    });
  }
}
