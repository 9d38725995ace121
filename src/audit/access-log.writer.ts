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
  /**
   * Records entries inside the caller's transaction, in one INSERT … SELECT that also
   * decides each row's tenant: a row about young people counts for their home
   * municipality (folkbokföring) as young_person says at that moment, whatever the
   * caller passed, so the home municipality's auditors see every read of its residents.
   * An entry about people of several municipalities becomes one row per home
   * municipality, each with only that municipality's subjects and young people: the
   * column stays a single tenant key and no auditor sees ids of another tenant's records.
   * Rows about no young person (users, settings, reports) keep the caller's
   * subjectMunicipalityCode, as do young people no longer in the table (purged).
   */
  async record(
    em: EntityManager,
    who: RequestContext | AccessLogActor,
    entries: AccessLogEntry[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const actor = 'actor' in who ? actorOf(who) : who;
    if ('actor' in who) who.changes?.push(...entries);
    const rows = entries.map((e, i) => ({
      entry: i + 1,
      subject_municipality_code: e.subjectMunicipalityCode ?? null,
      action: e.action,
      subject_type: e.subjectType,
      ...pairs(e),
      fields: e.fields ?? [],
      legal_basis: e.legalBasis,
      consent_ids: unique(e.consentIds ?? []),
    }));
    // Within a row, subject and young-person ids keep their first-seen order, deduplicated.
    // A NULL id is passed through, so the CHECK on access_log refuses it loudly.
    await em.query(
      `WITH e AS (
         SELECT * FROM jsonb_to_recordset($5::jsonb) AS e(
           subject_municipality_code char(4), action text, subject_type text, pair_subject_ids uuid[],
           pair_young_person_ids uuid[], fields text[], legal_basis text, consent_ids uuid[], entry bigint)
       ),
       p AS (
         SELECT e.entry, p.ord, p.subject_id, p.young_person_id,
                coalesce(authz.home_municipality(p.young_person_id), e.subject_municipality_code) AS code
           FROM e
          CROSS JOIN LATERAL unnest(e.pair_subject_ids, e.pair_young_person_ids)
                WITH ORDINALITY AS p(subject_id, young_person_id, ord)
       ),
       g AS (
         SELECT entry, code,
                array_agg(subject_id ORDER BY ord) FILTER (WHERE first_subject) AS subject_ids,
                coalesce(array_agg(young_person_id ORDER BY ord)
                  FILTER (WHERE first_young_person AND young_person_id IS NOT NULL), '{}') AS young_person_ids
           FROM (SELECT p.*,
                        row_number() OVER (PARTITION BY entry, code, subject_id ORDER BY ord) = 1 AS first_subject,
                        row_number() OVER (PARTITION BY entry, code, young_person_id ORDER BY ord) = 1 AS first_young_person
                   FROM p) d
          GROUP BY entry, code
       )
       INSERT INTO access_log (request_id, actor_user_id, actor_organisation_id, actor_municipality_code,
         subject_municipality_code, action, subject_type, subject_ids, young_person_ids, fields, legal_basis, consent_ids)
       SELECT $1, $2::uuid, $3::uuid, $4, CASE WHEN g.entry IS NULL THEN e.subject_municipality_code ELSE g.code END,
              e.action, e.subject_type, coalesce(g.subject_ids, '{}'), coalesce(g.young_person_ids, '{}'),
              e.fields, e.legal_basis, e.consent_ids
         FROM e LEFT JOIN g ON g.entry = e.entry
        ORDER BY e.entry, g.code`,
      [
        actor.requestId ?? null,
        actor.userId ?? null,
        actor.organisationId ?? null,
        actor.municipalityCode ?? null,
        JSON.stringify(rows),
      ],
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

/**
 * Which young person each subject id is about, as two parallel arrays. By convention the
 * i-th subject is about the i-th young person when both lists have the same length (see
 * AccessLogEntry); otherwise every subject is about every young person of the entry
 * (e.g. the contact attempts of one person, or one subject about several people).
 */
function pairs(e: AccessLogEntry): {
  pair_subject_ids: (string | null)[];
  pair_young_person_ids: (string | null)[];
} {
  const subjects = e.subjectIds;
  const people = e.youngPersonIds ?? [];
  if (people.length === 0)
    return { pair_subject_ids: subjects, pair_young_person_ids: subjects.map(() => null) };
  if (people.length === subjects.length)
    return { pair_subject_ids: subjects, pair_young_person_ids: people };
  if (subjects.length === 0)
    return { pair_subject_ids: people.map(() => null), pair_young_person_ids: people };
  return {
    pair_subject_ids: subjects.flatMap((s) => people.map(() => s)),
    pair_young_person_ids: subjects.flatMap(() => people),
  };
}
