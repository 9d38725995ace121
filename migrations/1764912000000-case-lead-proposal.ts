import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change of a case's lead is proposed by the lead organisation and takes effect only when
 * the proposed user accepts: the proposal is kept on the case until then.
 */
export class CaseLeadProposal1764912000000 implements MigrationInterface {
  name = 'CaseLeadProposal1764912000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE joint_case
      ADD COLUMN proposed_lead_organisation_id uuid REFERENCES organisation(id),
      ADD COLUMN proposed_lead_user_id uuid REFERENCES app_user(id),
      ADD COLUMN lead_proposed_by uuid REFERENCES app_user(id),
      ADD COLUMN lead_proposed_at timestamptz,
      ADD CONSTRAINT joint_case_lead_proposal_whole CHECK (
        (proposed_lead_user_id IS NULL) = (proposed_lead_organisation_id IS NULL)
        AND (proposed_lead_user_id IS NULL) = (lead_proposed_at IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE joint_case
      DROP CONSTRAINT joint_case_lead_proposal_whole,
      DROP COLUMN proposed_lead_organisation_id, DROP COLUMN proposed_lead_user_id,
      DROP COLUMN lead_proposed_by, DROP COLUMN lead_proposed_at`);
  }
}
