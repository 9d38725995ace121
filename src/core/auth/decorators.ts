import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Action, SubjectName } from '../authorization/actions';
import { PortalRequest, requestContextOf, RequestContext } from './request-context';

export const IS_PUBLIC = 'portal:isPublic';
export const REQUIRED_ABILITY = 'portal:requiredAbility';

/** No authentication needed (login, refresh). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The action a resolver needs; the ability guard refuses the request without it. */
export const Allow = (action: Action, subject: SubjectName) =>
  SetMetadata(REQUIRED_ABILITY, { action, subject });

export function requestOf(context: ExecutionContext): PortalRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: PortalRequest }>().req;
  }
  return context.switchToHttp().getRequest<PortalRequest>();
}

/** Injects the RequestContext (actor, ability, access-log buffer) into a resolver. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext =>
  requestContextOf(requestOf(context)),
);
