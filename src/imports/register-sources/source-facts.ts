import { EntityManager } from 'typeorm';
import { RequestContext } from '../../core/auth/request-context';
import { ImportSource } from './register-source-kind';

/**
 * The writes a named source adds to an import: the source row itself, the population
 * extract's residence facts and moves, and the handover notices. Every statement takes a
 * whole batch, so a 50 000-row extract costs its batches, not its rows.
 */

export async function createSource(
  em: EntityManager,
  ctx: RequestContext,
  source: ImportSource,
): Promise<string> {
  const [row]: { id: string }[] = await em.query(
    `INSERT INTO register_source (municipality_code, kind, name, source_date, row_count, created_by)
     VALUES ($1, $2, $3, $4::date, 0, $5) RETURNING id`,
    [ctx.actor.municipalityCode, source.kind, source.name, source.sourceDate, ctx.actor.userId],
  );
  return row.id;
}

export async function finishSource(em: EntityManager, id: string, rows: number): Promise<void> {
  await em.query(`UPDATE register_source SET row_count = $2 WHERE id = $1`, [id, rows]);
}

/** The extract confirms where these residents live. */
export async function confirmResidence(
  em: EntityManager,
  sourceId: string,
  ids: string[],
): Promise<void> {
  if (!ids.length) return;
  await em.query(
    `UPDATE young_person SET residence_source_id = $1 WHERE id = ANY($2::uuid[])
       AND residence_source_id IS DISTINCT FROM $1`,
    [sourceId, ids],
  );
}

export interface Move {
  youngPersonId: string;
  home: string;
}

/**
 * Residents the extract names as folkbokförda in another municipality of the deployment
 * are handed over: the record moves there (authz.move_person, as the home team's own
 * move), so the new home's youth team finds them among its "should enter", while this
 * register keeps its period to close with MOVED_AWAY (authz.register_person).
 */
export async function handOver(
  em: EntityManager,
  source: ImportSource,
  moves: Move[],
): Promise<void> {
  if (!moves.length) return;
  const ids = moves.map((m) => m.youngPersonId);
  // Written while the row is still the mover's to update.
  await em.query(
    `UPDATE young_person SET residence_source_id = $1, moved_in_on = $2::date WHERE id = ANY($3::uuid[])`,
    [source.id, source.sourceDate, ids],
  );
  await em.query(
    `SELECT authz.move_person(m.id, m.home) FROM unnest($1::uuid[], $2::text[]) AS m(id, home)`,
    [ids, moves.map((m) => m.home)],
  );
}

export const REGISTER_HANDOVER_RECEIVED = 'REGISTER_HANDOVER_RECEIVED';
export const REGISTER_HANDOVER_SENT = 'REGISTER_HANDOVER_SENT';
/** The two notices, as NotificationWriter would write them, but for a whole batch at once. */
const RECEIVED = { kind: REGISTER_HANDOVER_RECEIVED, subjectType: 'YOUNG_PERSON' };
const SENT = { kind: REGISTER_HANDOVER_SENT, subjectType: 'YOUNG_PERSON' };

/**
 * Both youth teams are told, in the import's transaction: the receiving team of each
 * person who moved in, the sending team of each person handed over. Notifications carry a
 * kind and the person's id, nothing of the other municipality's register.
 */
export async function notifyHandover(
  em: EntityManager,
  senderMunicipalityCode: string,
  moves: Move[],
): Promise<void> {
  if (!moves.length) return;
  await em.query(
    `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id)
     SELECT u.id, u.organisation_id, t.kind, $6, t.person
     FROM (SELECT m.id AS person, m.home AS municipality, $4::text AS kind
             FROM unnest($1::uuid[], $2::text[]) AS m(id, home)
           UNION ALL
           SELECT m.id, $3::text, $5::text FROM unnest($1::uuid[]) AS m(id)) t
     JOIN organisation o ON o.municipality_code = t.municipality AND o.kind = 'YOUTH_TEAM'
     JOIN app_user u ON u.organisation_id = o.id AND u.active AND 'YOUTH_COORDINATOR' = ANY(u.roles)`,
    [
      moves.map((m) => m.youngPersonId),
      moves.map((m) => m.home),
      senderMunicipalityCode,
      RECEIVED.kind,
      SENT.kind,
      RECEIVED.subjectType,
    ],
  );
}
