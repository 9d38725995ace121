/**
 * Reads (READ, SEARCH, EXPORT) where the reading organisation had no relation to the young
 * person read, as of now. One row per (log row, young person). $1 = the auditor's
 * municipality. A relation is any of: the statutory duty (the youth team of the person's
 * home municipality), a case the organisation leads or takes part in, a risk flag it
 * raised, a notice it sent (a school) or received (the home youth team), a referral it
 * sent or received, a concern report it sent or received, a consent it documented or that
 * names it, or a schooling record at it (a school reading its own student).
 *
 * Beside them, one row per answer withheld because it would have taken a user over their
 * record budget (RECORD_BUDGET_EXCEEDED, written by RequestFlush), with no young person:
 * a user trying to read many people at once is unusual whoever they are.
 * The columns are those of `u`; filters go on them (`AND u.…`).
 */
export const UNUSUAL_ACCESS_FROM = `
  FROM (
  SELECT l.id AS log_id, yp.id AS young_person_id, l.occurred_at, l.actor_user_id,
         l.actor_organisation_id, o.kind AS actor_organisation_kind, l.action, l.subject_type,
         l.legal_basis,
         CASE WHEN p.id IS NULL THEN 'NO_RELATION_PERSON_REMOVED'
              WHEN o.municipality_code <> p.home_municipality_code THEN 'NO_RELATION_OTHER_MUNICIPALITY'
              ELSE 'NO_RELATION' END AS reason
    FROM access_log l
  CROSS JOIN LATERAL unnest(l.young_person_ids) AS yp(id)
  JOIN organisation o ON o.id = l.actor_organisation_id
  LEFT JOIN young_person p ON p.id = yp.id
 WHERE l.action IN ('READ', 'SEARCH', 'EXPORT')
   AND (l.subject_municipality_code = $1 OR l.actor_municipality_code = $1)
   AND NOT (o.kind = 'YOUTH_TEAM' AND o.municipality_code = p.home_municipality_code)
   AND NOT EXISTS (SELECT 1 FROM joint_case c WHERE c.young_person_id = yp.id
                      AND (c.lead_organisation_id = o.id
                           OR EXISTS (SELECT 1 FROM case_participant cp
                                       WHERE cp.case_id = c.id AND cp.organisation_id = o.id)))
   AND NOT EXISTS (SELECT 1 FROM risk_flag f WHERE f.young_person_id = yp.id
                      AND f.school_organisation_id = o.id)
   AND NOT EXISTS (SELECT 1 FROM school_notice n WHERE n.young_person_id = yp.id
                      AND (n.school_organisation_id = o.id
                           OR (o.kind = 'YOUTH_TEAM' AND n.home_municipality_code = o.municipality_code)))
   AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.young_person_id = yp.id
                      AND o.id IN (r.sender_organisation_id, r.receiver_organisation_id))
   AND NOT EXISTS (SELECT 1 FROM concern_report cr WHERE cr.young_person_id = yp.id
                      AND (cr.sender_organisation_id = o.id OR o.id = ANY(cr.receiver_organisation_ids)))
   AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.young_person_id = yp.id
                      AND (k.documented_by_organisation_id = o.id
                           OR EXISTS (SELECT 1 FROM consent_recipient kr
                                       WHERE kr.consent_id = k.id AND kr.organisation_id = o.id)))
   AND NOT EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = yp.id
                      AND s.school_organisation_id = o.id)
  UNION ALL
  SELECT l.id, NULL::uuid, l.occurred_at, l.actor_user_id, l.actor_organisation_id, o.kind,
         l.action, l.subject_type, l.legal_basis, 'RECORD_BUDGET_EXCEEDED'
    FROM access_log l
    JOIN organisation o ON o.id = l.actor_organisation_id
   WHERE l.action = 'RECORD_BUDGET_EXCEEDED'
     AND (l.subject_municipality_code = $1 OR l.actor_municipality_code = $1)
  ) u
 WHERE true`;
