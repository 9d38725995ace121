import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { AccessLogActor, AccessLogEntry } from './access-log-entry';

/**
 * Writes access-log rows. Changes pass their EntityManager so the rows commit or roll
 * back with the change; reads are buffered on the request and flushed in one INSERT
 * before the response leaves (see AccessLogFlushPlugin).
 */
@Injectable()
export class AccessLogWriter {
  /** Records entries inside the caller's transaction. */
  async record(
    em: EntityManager,
    who: RequestContext | AccessLogActor,
    entries: AccessLogEntry[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const actor = 'actor' in who ? actorOf(who) : who;
    const columns = [
      'request_id',
      'actor_user_id',
      'actor_organisation_id',
      'actor_municipality_code',
      'subject_municipality_code',
      'action',
      'subject_type',
      'subject_ids',
      'young_person_ids',
      'fields',
      'legal_basis',
      'consent_ids',
    ];
    const params: unknown[] = [];
    const rows = entries.map((e) => {
      const values = [
        actor.requestId ?? null,
        actor.userId ?? null,
        actor.organisationId ?? null,
        actor.municipalityCode ?? null,
        e.subjectMunicipalityCode ?? null,
        e.action,
        e.subjectType,
        unique(e.subjectIds),
        unique(e.youngPersonIds ?? []),
        e.fields ?? [],
        e.legalBasis,
        unique(e.consentIds ?? []),
      ];
      const placeholders = values.map((v) => {
        params.push(v);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await em.query(
      `INSERT INTO access_log (${columns.join(', ')}) VALUES ${rows.join(', ')}`,
      params,
    );
  }

  /** Queues a read of personal data; it is written before the response is sent. */
  read(ctx: RequestContext, entry: AccessLogEntry): void {
    if (entry.subjectIds.length === 0) return;
    ctx.pendingReads.push(entry);
  }
}

export function actorOf(ctx: RequestContext): AccessLogActor {
  return {
    requestId: ctx.requestId,
    userId: ctx.actor.userId,
    organisationId: ctx.actor.organisationId,
    municipalityCode: ctx.actor.municipalityCode,
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
