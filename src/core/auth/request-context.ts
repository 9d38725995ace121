import { Request } from 'express';
import { AppAbility } from '../authorization/actions';
import { AccessLogEntry } from '../../audit/access-log-entry';
import { Actor } from './actor';
import { UnauthenticatedError } from '../errors/domain-error';

/**
 * Everything a service needs to know about the current request, passed explicitly into
 * service methods (no hidden globals).
 */
export interface RequestContext {
  requestId: string;
  actor: Actor;
  ability: AppAbility;
  /** Reads of personal data, written in one batch before the response is sent. */
  pendingReads: AccessLogEntry[];
}

export interface PortalRequest extends Request {
  user?: Actor;
  ability?: AppAbility;
  pendingReads?: AccessLogEntry[];
}

export function requestContextOf(req: PortalRequest): RequestContext {
  if (!req.user || !req.ability) throw new UnauthenticatedError();
  req.pendingReads ??= [];
  return {
    requestId: String(req.id),
    actor: req.user,
    ability: req.ability,
    pendingReads: req.pendingReads,
  };
}
