import { Inject } from '@nestjs/common';
import { Args, Field, ID, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { ArgsType } from '@nestjs/graphql';
import { randomBytes } from 'node:crypto';
import { queryRows } from '../core/database/query-rows';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { NotFoundError } from '../core/errors/domain-error';
import { UserEntity } from '../identity/user.entity';
import { sha256 } from './sso-login.service';
import { SsoProvidersService } from './sso-providers.service';

const INVITATION_DAYS = 7;

@ArgsType()
class InviteToSsoArgs {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field({ description: "The provider's id (OIDC_PROVIDERS or configureIdentityProvider)" })
  @IsString()
  @MaxLength(40)
  provider: string;
}

@ObjectType()
class SsoInvitation {
  @Field({
    description:
      'Send this to the user: opening it logs in at the provider and links the account, once',
  })
  url: string;

  @Field()
  expiresAt: Date;
}

/**
 * The only way an existing account gets linked to a provider's subject: an admin who
 * may manage the user invites it; the link is made by the first login through the URL.
 */
@Resolver()
export class SsoInvitationResolver {
  constructor(
    private readonly ds: DataSource,
    private readonly providers: SsoProvidersService,
    private readonly log: AccessLogWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Allow(Action.Update, 'User')
  @Mutation(() => SsoInvitation, {
    description:
      "ORG_ADMIN / MUNICIPALITY_ADMIN: a one-time link that ties the user's account to its identity at the provider",
  })
  async inviteToSingleSignOn(
    @Ctx() ctx: RequestContext,
    @Args() args: InviteToSsoArgs,
  ): Promise<SsoInvitation> {
    const provider = await this.providers.find(args.provider);
    return this.ds.transaction(async (em) => {
      const qb = em
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('u.id = :id', { id: args.userId });
      const user = applyAbilityScope(qb, ctx.ability, Action.Update, 'User')
        ? await qb.getOne()
        : null;
      // A provider of another municipality answers like a user one may not see.
      if (!user || !provider || provider.municipalityCode !== user.municipalityCode)
        throw new NotFoundError('User');
      const token = randomBytes(32).toString('base64url');
      const [row] = await queryRows<{ expires_at: Date }>(
        em,
        `INSERT INTO sso_invitation (provider_id, user_id, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, app_now() + make_interval(days => $5)) RETURNING expires_at`,
        [provider.id, user.id, sha256(token), ctx.actor.userId, INVITATION_DAYS],
      );
      await this.log.record(em, ctx, [
        {
          action: AccessAction.UPDATE,
          subjectType: 'USER',
          subjectIds: [user.id],
          fields: ['singleSignOnInvitation'],
          legalBasis: LegalBasis.ADMINISTRATION,
          subjectMunicipalityCode: user.municipalityCode,
        },
      ]);
      return {
        url: `${this.config.publicUrl}/auth/oidc/${provider.id}/login?invitation=${token}`,
        expiresAt: row.expires_at,
      };
    });
  }
}
