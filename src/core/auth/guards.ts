import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AbilityFactory } from '../authorization/ability.factory';
import { Action, SubjectName } from '../authorization/actions';
import { DomainError, ForbiddenError, UnauthenticatedError } from '../errors/domain-error';
import { IS_PUBLIC, REQUIRED_ABILITY, requestOf } from './decorators';

/** Authenticates every GraphQL operation and REST route unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override canActivate(context: ExecutionContext) {
    if (this.isPublic(context)) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw err instanceof DomainError ? err : new UnauthenticatedError();
    return user;
  }

  private isPublic(context: ExecutionContext): boolean {
    return !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
  }
}

/**
 * Builds the request's ability once (from roles, organisation, municipality and
 * permissions) and checks the action the resolver declared. Which records the action
 * reaches is decided in SQL (row-level security).
 */
@Injectable()
export class AbilityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = requestOf(context);
    if (!req.user) throw new UnauthenticatedError();
    req.ability ??= this.abilities.createFor(req.user);
    const required = this.reflector.getAllAndOverride<
      { action: Action; subject: SubjectName } | undefined
    >(REQUIRED_ABILITY, targets);
    // Every authenticated operation must declare what it needs: forgetting is a refusal.
    if (!required) throw new ForbiddenError();
    if (!req.ability.can(required.action, required.subject)) throw new ForbiddenError();
    return true;
  }
}
