import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { LegalBasis } from '../audit/access-log-entry';
import { ReferralEntity } from './referral.entities';
import { ReferralParty } from './referral-state';

/** What authz.referral_access decided for the caller and one referral, selected with its row. */
export interface ReferralAccess {
  /** SENDER or RECEIVER may move the referral on; null: reading only (emergency access). */
  party: ReferralParty | null;
  basis: LegalBasis;
  consentIds: string[];
}

/** A referral the caller sees (row-level security let it through), with the decision. */
export type VisibleReferral = ReferralEntity & { access: ReferralAccess };

/** Referrals as row-level security lets them through, each with authz.referral_access beside it. */
export function visibleReferrals(em: EntityManager): SelectQueryBuilder<ReferralEntity> {
  return em
    .getRepository(ReferralEntity)
    .createQueryBuilder('r')
    .addSelect(
      `to_jsonb(authz.referral_access(r.sender_organisation_id, r.receiver_organisation_id,
                                      r.young_person_id, r.case_id))`,
      'access',
    );
}

/** The rows of a visibleReferrals() query, each with its decision. */
export async function withAccess(
  qb: SelectQueryBuilder<ReferralEntity>,
): Promise<VisibleReferral[]> {
  const { entities, raw } = await qb.getRawAndEntities<{
    access: { party: ReferralParty | null; basis: LegalBasis; consent_ids: string[] };
  }>();
  return entities.map((e, i) => {
    const a = raw[i].access;
    return Object.assign(e, {
      access: { party: a.party, basis: a.basis, consentIds: a.consent_ids },
    });
  });
}
