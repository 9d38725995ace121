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
  /** The changes this request logged, so what its answer shows of them is logged too (answer-reads.ts). */
  changes?: AccessLogEntry[];
}

export interface PortalRequest extends Request {
  user?: Actor;
  ability?: AppAbility;
  pendingReads?: AccessLogEntry[];
  changes?: AccessLogEntry[];
  /** Per record id, the fields the answer showed of it (non-null), for answer-reads.ts. */
  shownFields?: Map<string, Set<string>>;
}

export function requestContextOf(req: PortalRequest): RequestContext {
  if (!req.user || !req.ability) throw new UnauthenticatedError();
  req.pendingReads ??= [];
  req.changes ??= [];
  return {
    requestId: String(req.id),
    actor: req.user,
    ability: req.ability,
    pendingReads: req.pendingReads,
    changes: req.changes,
  };
}
