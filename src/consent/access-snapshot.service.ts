import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../core/auth/actor';
import { CASE_WORKING_ROLES, OrganisationKind } from '../identity/role.enum';
import { InformationCategory } from './consent-category';

/** A consent in force now that names the actor's organisation. */
export interface ConsentGrant {
  consentId: string;
  youngPersonId: string;
  categories: InformationCategory[];
}

export interface CaseMembership {
  caseId: string;
  youngPersonId: string;
  isLead: boolean;
}

/**
 * What the actor's organisation (and, for emergency access, the actor) is entitled to at
 * this moment, read from the database when the request's ability is built. It lives on
 * the request's Actor object only: nothing keeps a withdrawn consent alive for the next.
 */
export class AccessSnapshot {
  readonly categoriesByPerson = new Map<string, Set<InformationCategory>>();
  readonly consentsByPerson = new Map<string, ConsentGrant[]>();
  /** Cases the organisation sees: it leads them, or participates with a consent for any category. */
  readonly visibleCaseIds: string[] = [];
  readonly caseIdsByCategory = new Map<InformationCategory, string[]>();
  readonly leadCaseIds = new Set<string>();
  readonly personOfCase = new Map<string, string>();

  constructor(
    readonly actor: Actor,
    readonly caseWorker: boolean,
    readonly grants: ConsentGrant[],
    readonly namedConsentIds: string[],
    readonly memberships: CaseMembership[],
    readonly emergencyPersonIds: string[],
    readonly emergencyCaseIds: string[],
    /** Referrals of the cases an active emergency opening covers. */
    readonly emergencyReferralIds: string[],
    readonly emergencyAccessIds: string[],
    readonly concernReportIds: string[],
    readonly concernReportPersonIds: string[],
  ) {
    for (const g of grants) {
      const set = this.categoriesByPerson.get(g.youngPersonId) ?? new Set();
      g.categories.forEach((c) => set.add(c));
      this.categoriesByPerson.set(g.youngPersonId, set);
      const list = this.consentsByPerson.get(g.youngPersonId) ?? [];
      list.push(g);
      this.consentsByPerson.set(g.youngPersonId, list);
    }
    for (const m of memberships) {
      this.personOfCase.set(m.caseId, m.youngPersonId);
      const cats = this.categoriesByPerson.get(m.youngPersonId);
      if (m.isLead) this.leadCaseIds.add(m.caseId);
      if (m.isLead || cats) this.visibleCaseIds.push(m.caseId);
      for (const c of cats ?? []) {
        const ids = this.caseIdsByCategory.get(c) ?? [];
        ids.push(m.caseId);
        this.caseIdsByCategory.set(c, ids);
      }
    }
  }

  /** People for whom a consent in force names the organisation for `category`. */
  personsWith(category: InformationCategory): string[] {
    return [...this.categoriesByPerson].filter(([, s]) => s.has(category)).map(([id]) => id);
  }

  /** Consents in force that cover one of `categories` (any when omitted) for a person. */
  consentIdsFor(youngPersonId: string, categories?: InformationCategory[]): string[] {
    return (this.consentsByPerson.get(youngPersonId) ?? [])
      .filter((g) => !categories || g.categories.some((c) => categories.includes(c)))
      .map((g) => g.consentId);
  }

  hasCategory(youngPersonId: string, category: InformationCategory): boolean {
    return this.categoriesByPerson.get(youngPersonId)?.has(category) ?? false;
  }

  isEmergencyPerson(youngPersonId: string): boolean {
    return this.emergencyPersonIds.includes(youngPersonId);
  }

  get isAssociation(): boolean {
    return this.actor.organisationKind === OrganisationKind.ASSOCIATION;
  }
}

interface SnapshotRow {
  grants: { id: string; young_person_id: string; categories: InformationCategory[] }[];
  named: string[];
  memberships: { id: string; young_person_id: string; is_lead: boolean }[];
  emergency: { id: string; young_person_id: string; case_ids: string[]; referral_ids: string[] }[];
  concerns: { id: string; young_person_id: string }[];
}

const snapshots = new WeakMap<Actor, Promise<AccessSnapshot>>();

/** Loads the request's AccessSnapshot once (one SQL statement), shared by every contributor. */
@Injectable()
export class AccessSnapshotService {
  load(actor: Actor, em: EntityManager): Promise<AccessSnapshot> {
    let found = snapshots.get(actor);
    if (!found) {
      found = this.query(actor, em);
      snapshots.set(actor, found);
    }
    return found;
  }

  /** Drops the snapshot after a change in the same request (e.g. a withdrawal). */
  forget(actor: Actor): void {
    snapshots.delete(actor);
  }

  private async query(actor: Actor, em: EntityManager): Promise<AccessSnapshot> {
    const caseWorker = hasRole(actor, ...CASE_WORKING_ROLES);
    if (!caseWorker) return new AccessSnapshot(actor, false, [], [], [], [], [], [], [], [], []);
    const rows: SnapshotRow[] = await em.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('id', cif.id, 'young_person_id', cif.young_person_id,
                                                     'categories', cif.categories)), '[]')
            FROM consent_in_force cif JOIN consent_recipient r ON r.consent_id = cif.id
           WHERE r.organisation_id = $1) AS grants,
         (SELECT coalesce(json_agg(r.consent_id), '[]') FROM consent_recipient r
           WHERE r.organisation_id = $1) AS named,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'young_person_id', c.young_person_id,
                                                     'is_lead', c.lead_organisation_id = $1)), '[]')
            FROM joint_case c
           WHERE c.lead_organisation_id = $1
              OR c.id IN (SELECT p.case_id FROM case_participant p WHERE p.organisation_id = $1)) AS memberships,
         (SELECT coalesce(json_agg(json_build_object('id', ea.id, 'young_person_id', ea.young_person_id,
                   'case_ids', (SELECT coalesce(json_agg(c.id), '[]') FROM joint_case c
                                 WHERE c.id = ea.case_id
                                    OR (ea.case_id IS NULL AND c.young_person_id = ea.young_person_id)),
                   'referral_ids', (SELECT coalesce(json_agg(rf.id), '[]') FROM referral rf
                                 WHERE rf.case_id = ea.case_id
                                    OR (ea.case_id IS NULL AND rf.young_person_id = ea.young_person_id)))), '[]')
            FROM emergency_access ea
           WHERE ea.user_id = $2 AND ea.opened_at <= app_now() AND app_now() < ea.expires_at) AS emergency,
         (SELECT coalesce(json_agg(json_build_object('id', cr.id, 'young_person_id', cr.young_person_id)), '[]')
            FROM concern_report cr WHERE cr.receiver_organisation_ids @> ARRAY[$1]::uuid[]) AS concerns`,
      [actor.organisationId, actor.userId],
    );
    const r = rows[0];
    return new AccessSnapshot(
      actor,
      true,
      r.grants.map((g) => ({
        consentId: g.id,
        youngPersonId: g.young_person_id,
        categories: g.categories,
      })),
      r.named,
      r.memberships.map((m) => ({
        caseId: m.id,
        youngPersonId: m.young_person_id,
        isLead: m.is_lead,
      })),
      [...new Set(r.emergency.map((e) => e.young_person_id))],
      [...new Set(r.emergency.flatMap((e) => e.case_ids))],
      [...new Set(r.emergency.flatMap((e) => e.referral_ids))],
      r.emergency.map((e) => e.id),
      r.concerns.map((c) => c.id),
      [...new Set(r.concerns.map((c) => c.young_person_id))],
    );
  }
}
