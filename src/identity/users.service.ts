import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { hashPassword } from '../auth/password';
import { sessionRevocations } from '../core/auth/session-revocations';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { CreateUserInput, UpdateUserInput, UsersArgs } from './dto/identity.inputs';
import { UserModel } from './models/user.model';
import { OrganisationEntity } from './organisation.entity';
import { Role } from './role.enum';
import { UserEntity } from './user.entity';

const MUNICIPALITY_WIDE_ROLES = [Role.MUNICIPALITY_ADMIN, Role.AUDITOR];

/** Staff users. Their names and e-mails are personal data: reads and changes are logged. */
@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async me(ctx: RequestContext): Promise<UserModel> {
    const user = await this.ds.getRepository(UserEntity).findOneByOrFail({ id: ctx.actor.userId });
    return UserModel.from(user);
  }

  async list(ctx: RequestContext, args: UsersArgs): Promise<Page<UserModel>> {
    const qb = this.ds.getRepository(UserEntity).createQueryBuilder('u');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'User')) return toPage([], 0, 0, () => []);
    if (args.organisationId) qb.andWhere('u.organisation_id = :org', { org: args.organisationId });
    // null, as GraphQL lets a client send it, is no filter (not "active IS NULL").
    if (args.active != null) qb.andWhere('u.active = :active', { active: args.active });
    const total = await qb.clone().getCount();
    if (args.after) {
      const [name, id] = decodeCursor(args.after, 2);
      qb.andWhere('(u.display_name, u.id) > (:name, :id)', { name, id });
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('u.display_name')
      .addOrderBy('u.id')
      .take(size + 1)
      .getMany();
    const page = toPage(rows.map(UserModel.from), size, total, (u) => [u.displayName, u.id]);
    this.logRead(
      ctx,
      page.edges.map((e) => e.node.id),
      AccessAction.SEARCH,
    );
    return page;
  }

  async get(ctx: RequestContext, id: string): Promise<UserModel> {
    const user = UserModel.from(await this.findScoped(this.ds.manager, ctx, id, Action.Read));
    this.logRead(ctx, [user.id], AccessAction.READ);
    return user;
  }

  async create(ctx: RequestContext, input: CreateUserInput): Promise<UserModel> {
    const org = await this.ds
      .getRepository(OrganisationEntity)
      .findOneBy({ id: input.organisationId });
    const candidate = {
      organisationId: input.organisationId,
      municipalityCode: org?.municipalityCode,
    };
    if (!org || !ctx.ability.can(Action.Create, subject('User', candidate)))
      throw new NotFoundError('Organisation');
    this.assertMayGrant(ctx, input.roles);
    const passwordHash = await hashPassword(input.password);
    return this.ds.transaction(async (em) => {
      await this.assertEmailFree(em, input.email);
      const saved = await em.getRepository(UserEntity).save({
        organisationId: org.id,
        municipalityCode: org.municipalityCode,
        email: input.email.trim().toLowerCase(),
        displayName: input.displayName.trim(),
        roles: [...new Set(input.roles)],
        passwordHash,
      });
      await this.logChange(em, ctx, saved.id, AccessAction.CREATE, [
        'email',
        'displayName',
        'roles',
      ]);
      return UserModel.from(saved);
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateUserInput): Promise<UserModel> {
    if (input.roles) this.assertMayGrant(ctx, input.roles);
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return this.ds.transaction(async (em) => {
      const user = await this.findScoped(em, ctx, id, Action.Update);
      // Resetting, disabling or demoting such a holder would hand an org admin their reach.
      this.assertMayGrant(ctx, user.roles);
      if (input.displayName !== undefined) user.displayName = input.displayName.trim();
      if (input.roles !== undefined) user.roles = [...new Set(input.roles)];
      if (input.active !== undefined) user.active = input.active;
      const changed = (['displayName', 'roles', 'active', 'password'] as const).filter(
        (f) => input[f] !== undefined,
      );
      await em.getRepository(UserEntity).save(user);
      if (passwordHash) {
        await em.query(
          `UPDATE app_user SET password_hash = $2, failed_login_count = 0, locked_until = NULL WHERE id = $1`,
          [id, passwordHash],
        );
      }
      // Disabling or a new password ends every open session of the user.
      if (input.active === false || passwordHash) {
        await em.query(
          `UPDATE refresh_token SET revoked_at = app_now() WHERE user_id = $1 AND revoked_at IS NULL`,
          [id],
        );
      }
      await this.logChange(em, ctx, user.id, AccessAction.UPDATE, changed);
      // Open subscriptions end too, not only the next request.
      if (input.active === false) sessionRevocations.revoked(id);
      return UserModel.from(user);
    });
  }

  private async findScoped(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    action: Action,
  ): Promise<UserEntity> {
    const qb = em.getRepository(UserEntity).createQueryBuilder('u').where('u.id = :id', { id });
    const user = applyAbilityScope(qb, ctx.ability, action, 'User') ? await qb.getOne() : null;
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /**
   * Roles that reach across the whole municipality (administration, the access log) are
   * handed out, and their holders managed, only by a municipality admin.
   */
  private assertMayGrant(ctx: RequestContext, roles: Role[]): void {
    const wide = MUNICIPALITY_WIDE_ROLES.filter((r) => roles.includes(r));
    if (wide.length && !ctx.ability.can(Action.Manage, 'AnyRole')) {
      throw new ForbiddenError(`Only a municipality admin may grant or manage ${wide.join(', ')}`);
    }
  }

  private async assertEmailFree(em: EntityManager, email: string): Promise<void> {
    const taken = await em
      .getRepository(UserEntity)
      .existsBy({ email: email.trim().toLowerCase() });
    if (taken) throw new ConflictError('A user with that e-mail already exists');
  }

  private logRead(ctx: RequestContext, ids: string[], action: AccessAction): void {
    this.log.read(ctx, {
      action,
      subjectType: 'USER',
      subjectIds: ids,
      fields: ['email', 'displayName', 'roles', 'active'],
      legalBasis: LegalBasis.ADMINISTRATION,
      subjectMunicipalityCode: ctx.actor.municipalityCode,
    });
  }

  private logChange(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    action: AccessAction,
    fields: string[],
  ) {
    return this.log.record(em, ctx, [
      {
        action,
        subjectType: 'USER',
        subjectIds: [id],
        fields,
        legalBasis: LegalBasis.ADMINISTRATION,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
  }
}
