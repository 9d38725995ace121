import { EntityManager } from 'typeorm';
import { HAS_KAA_CONTENT } from './purge-candidates.sql';
import { ANONYMISED_NAME, PURGED_TEXT } from './retention-defaults';

/** Rows removed or stripped, per kind ('case_note', 'young_person', ...). Counts only. */
export type PurgeCounts = Record<string, number>;

export function addCounts(into: PurgeCounts, from: PurgeCounts): PurgeCounts {
  for (const [k, v] of Object.entries(from)) if (v > 0) into[k] = (into[k] ?? 0) + v;
  return into;
}

async function affected(
  em: EntityManager,
  counts: PurgeCounts,
  kind: string,
  sql: string,
  params: unknown[],
): Promise<void> {
  // TypeORM returns [rows, affectedCount] for UPDATE/DELETE on postgres.
  const result: unknown = await em.query(sql, params);
  const n = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
}

/**
 * Lets this transaction delete case notes: their append-only trigger makes the one
 * exception for retention (see the case_note_append_only function).
 */
export async function allowRetentionDeletes(em: EntityManager): Promise<void> {
  await em.query(`SELECT set_config('portal.retention', 'on', true)`);
}

/**
 * A closed case keeps what the reports count (the case, its meetings with kind and dates,
 * its referrals with purpose, state and outcome, their transitions) and loses everything
 * written about the person: notes, minutes, goals, tasks, referral content and notes.
 */
export async function purgeCaseContent(em: EntityManager, caseIds: string[]): Promise<PurgeCounts> {
  const c: PurgeCounts = {};
  if (caseIds.length === 0) return c;
  await allowRetentionDeletes(em);
  const ids = [caseIds];
  await affected(em, c, 'case_note', `DELETE FROM case_note WHERE case_id = ANY($1)`, ids);
  await affected(
    em,
    c,
    'case_meeting_minutes',
    `UPDATE case_meeting SET minutes = NULL WHERE case_id = ANY($1) AND minutes IS NOT NULL`,
    ids,
  );
  await affected(em, c, 'case_goal', `DELETE FROM case_goal WHERE case_id = ANY($1)`, ids);
  await affected(em, c, 'case_task', `DELETE FROM case_task WHERE case_id = ANY($1)`, ids);
  await affected(
    em,
    c,
    'referral_section',
    `DELETE FROM referral_section rs USING referral r WHERE rs.referral_id = r.id AND r.case_id = ANY($1)`,
    ids,
  );
  await affected(
    em,
    c,
    'referral_note',
    `UPDATE referral SET receiver_note = NULL, activity = NULL
     WHERE case_id = ANY($1) AND (receiver_note IS NOT NULL OR activity IS NOT NULL)`,
    ids,
  );
  await affected(
    em,
    c,
    'joint_case',
    `UPDATE joint_case SET title = $2, closure_note = NULL, content_purged_at = app_now()
     WHERE id = ANY($1) AND content_purged_at IS NULL`,
    [caseIds, PURGED_TEXT],
  );
  return c;
}

/** A resolved flag keeps its dates, indicators and meetings (counted); loses note and names. */
export async function purgeFlagContent(em: EntityManager, flagIds: string[]): Promise<PurgeCounts> {
  const c: PurgeCounts = {};
  if (flagIds.length === 0) return c;
  await affected(
    em,
    c,
    'preventive_meeting_participants',
    `UPDATE preventive_meeting SET participants = ARRAY[$2]
     WHERE risk_flag_id = ANY($1) AND participants <> ARRAY[$2]`,
    [flagIds, PURGED_TEXT],
  );
  await affected(
    em,
    c,
    'risk_flag',
    `UPDATE risk_flag SET note = NULL, content_purged_at = app_now()
     WHERE id = ANY($1) AND content_purged_at IS NULL`,
    [flagIds],
  );
  return c;
}

/** An acknowledged notice keeps kind, dates, reason category and plan flag; loses its note. */
export async function purgeNoticeContent(
  em: EntityManager,
  noticeIds: string[],
): Promise<PurgeCounts> {
  const c: PurgeCounts = {};
  if (noticeIds.length === 0) return c;
  await affected(
    em,
    c,
    'school_notice',
    `UPDATE school_notice SET note = NULL, content_purged_at = app_now()
     WHERE id = ANY($1) AND content_purged_at IS NULL`,
    [noticeIds],
  );
  return c;
}

/**
 * Withdrawn-consent data (DESIGN.md §6): what exists in a receiver's view only because a
 * consent named it. Concretely, the referral sections (content copied to a receiver) of a
 * category the withdrawn consent covered for that receiver, unless a consent in force now
 * still covers that receiver and category; and the consent record's own free text
 * (purpose, withdrawal reason). The consent row itself stays (who, how, categories,
 * recipients, dates): access-log rows cite it as their legal basis.
 */
export async function purgeWithdrawnConsents(
  em: EntityManager,
  consentIds: string[],
): Promise<PurgeCounts> {
  const c: PurgeCounts = {};
  if (consentIds.length === 0) return c;
  await affected(
    em,
    c,
    'referral_section',
    `DELETE FROM referral_section rs
     USING consent w JOIN consent_recipient wr ON wr.consent_id = w.id
     WHERE w.id = ANY($1)
       AND rs.young_person_id = w.young_person_id
       AND rs.receiver_organisation_id = wr.organisation_id
       AND rs.category = ANY(w.categories)
       AND NOT EXISTS (
         SELECT 1 FROM consent_in_force f JOIN consent_recipient fr ON fr.consent_id = f.id
         WHERE f.young_person_id = rs.young_person_id
           AND fr.organisation_id = rs.receiver_organisation_id
           AND rs.category = ANY(f.categories))`,
    [consentIds],
  );
  await affected(
    em,
    c,
    'consent',
    `UPDATE consent SET purpose = $2, withdrawal_reason = NULL, content_purged_at = app_now()
     WHERE id = ANY($1) AND content_purged_at IS NULL`,
    [consentIds, PURGED_TEXT],
  );
  return c;
}

/**
 * Anonymises young people who left the register for good and whose other records are all
 * past retention. The row stays (the register events reports count point at it) without
 * name, personnummer, address, contact or protected-identity marking; records that carry
 * only personal content (guardians, schooling, consents, plans) are deleted; events keep
 * their dates, categories and outcomes but lose their free text.
 */
export async function anonymisePeople(
  em: EntityManager,
  personIds: string[],
): Promise<PurgeCounts> {
  const c: PurgeCounts = {};
  if (personIds.length === 0) return c;
  await allowRetentionDeletes(em);
  const ids = [personIds];
  const ofPeople = async (table: string): Promise<string[]> =>
    (
      (await em.query(`SELECT id FROM ${table} WHERE young_person_id = ANY($1)`, ids)) as {
        id: string;
      }[]
    ).map((r) => r.id);
  addCounts(c, await purgeCaseContent(em, await ofPeople('joint_case')));
  addCounts(c, await purgeFlagContent(em, await ofPeople('risk_flag')));
  addCounts(c, await purgeNoticeContent(em, await ofPeople('school_notice')));
  await affected(
    em,
    c,
    'referral_section',
    `DELETE FROM referral_section WHERE young_person_id = ANY($1)`,
    ids,
  );
  await affected(em, c, 'consent', `DELETE FROM consent WHERE young_person_id = ANY($1)`, ids);
  await affected(em, c, 'guardian', `DELETE FROM guardian WHERE young_person_id = ANY($1)`, ids);
  await affected(em, c, 'schooling', `DELETE FROM schooling WHERE young_person_id = ANY($1)`, ids);
  // Normally the KAA pass just before stripped them already (not a row it skipped as locked).
  const unstripped: { id: string }[] = await em.query(
    `SELECT yp.id FROM young_person yp WHERE yp.id = ANY($1) AND ${HAS_KAA_CONTENT}`,
    ids,
  );
  addCounts(
    c,
    await stripKaaContent(
      em,
      unstripped.map((r) => r.id),
    ),
  );
  await affected(
    em,
    c,
    'concern_report',
    `UPDATE concern_report SET description = $2 WHERE young_person_id = ANY($1) AND description <> $2`,
    [personIds, PURGED_TEXT],
  );
  await affected(
    em,
    c,
    'emergency_access_reason',
    `UPDATE emergency_access SET reason = $2, review_note = NULL
     WHERE young_person_id = ANY($1) AND (reason <> $2 OR review_note IS NOT NULL)`,
    [personIds, PURGED_TEXT],
  );
  await affected(
    em,
    c,
    'young_person',
    `UPDATE young_person SET personal_number = NULL, coordination_number = false,
       given_name = $2, family_name = $2, street_address = NULL, postal_code = NULL, city = NULL,
       phone = NULL, email = NULL, preferred_language = NULL, protected_identity = false,
       anonymised_at = app_now(), kaa_content_purged_at = COALESCE(kaa_content_purged_at, app_now()),
       updated_at = app_now()
     WHERE id = ANY($1) AND anonymised_at IS NULL`,
    [personIds, ANONYMISED_NAME],
  );
  return c;
}

/**
 * KAA data past its period (DESIGN.md §7): the individual plans (every version) are
 * deleted; register events keep their dates, categories and outcomes but lose their free
 * text. Periods, occupations, contacts, measures and closures stay for the figures: a
 * closure keeps its kind, date and destination code (occupation field, programme code), the
 * categories the report splits by, and loses the title and programme written as text; a
 * measure keeps its type, status and dates and an occupation its category and dates (the
 * report's occupation after a measure ended), losing only their notes.
 */
export async function stripKaaContent(
  em: EntityManager,
  personIds: string[],
): Promise<PurgeCounts> {
  const c: PurgeCounts = {};
  if (personIds.length === 0) return c;
  const ids = [personIds];
  await affected(em, c, 'kaa_plan', `DELETE FROM kaa_plan WHERE young_person_id = ANY($1)`, ids);
  await affected(
    em,
    c,
    'kaa_measure_text',
    `UPDATE kaa_measure SET description = NULL, end_note = NULL
     WHERE young_person_id = ANY($1) AND (description IS NOT NULL OR end_note IS NOT NULL)`,
    ids,
  );
  await affected(
    em,
    c,
    'kaa_closure_text',
    `UPDATE kaa_closure SET note = NULL,
       occupation_title = CASE WHEN kind = 'WORK' THEN $2 END,
       programme = CASE WHEN kind = 'STUDIES' THEN $2 END
     WHERE young_person_id = ANY($1)
       AND (note IS NOT NULL OR occupation_title IS DISTINCT FROM CASE WHEN kind = 'WORK' THEN $2 END
            OR programme IS DISTINCT FROM CASE WHEN kind = 'STUDIES' THEN $2 END)`,
    [personIds, PURGED_TEXT],
  );
  await affected(
    em,
    c,
    'occupation_note',
    `UPDATE occupation SET note = NULL WHERE young_person_id = ANY($1) AND note IS NOT NULL`,
    ids,
  );
  await affected(
    em,
    c,
    'contact_attempt_note',
    `UPDATE contact_attempt SET note = NULL WHERE young_person_id = ANY($1) AND note IS NOT NULL`,
    ids,
  );
  // A booked visit is a plan about the person; what happened is in contact_attempt.
  await affected(
    em,
    c,
    'home_visit',
    `DELETE FROM home_visit WHERE young_person_id = ANY($1)`,
    ids,
  );
  await affected(
    em,
    c,
    'young_person_kaa_content',
    `UPDATE young_person SET kaa_content_purged_at = app_now() WHERE id = ANY($1)`,
    ids,
  );
  return c;
}

/**
 * Removes access-log rows past their log period, each leaving a tombstone with its chain
 * position and hashes: the chain still links through it, and the append-only trigger lets
 * a sealed row go only with its tombstone written and its period passed.
 */
export async function removeOldLogRows(em: EntityManager, seqs: string[]): Promise<PurgeCounts> {
  const c: PurgeCounts = {};
  await em.query(
    `INSERT INTO access_log_tombstone (seal_seq, prev_hash, hash, occurred_at, municipality_code)
     SELECT seal_seq, coalesce(prev_hash, ''), hash, occurred_at,
            coalesce(subject_municipality_code, actor_municipality_code)
       FROM access_log WHERE seal_seq = ANY ($1::bigint[])`,
    [seqs],
  );
  await affected(
    em,
    c,
    'access_log',
    `DELETE FROM access_log WHERE seal_seq = ANY ($1::bigint[])`,
    [seqs],
  );
  return c;
}
