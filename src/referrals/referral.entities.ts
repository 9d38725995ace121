import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InformationCategory } from '../consent/consent-category';
import {
  ReferralDeclineReason,
  ReferralOutcome,
  ReferralPurpose,
  ReferralState,
} from './referral.enums';

/** Remiss: a closed loop from one organisation to another about a joint case. */
@Entity('referral')
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'sender_organisation_id', type: 'uuid' })
  senderOrganisationId: string;

  @Column({ name: 'sender_user_id', type: 'uuid' })
  senderUserId: string;

  @Column({ name: 'receiver_organisation_id', type: 'uuid' })
  receiverOrganisationId: string;

  @Column({ type: 'text' })
  purpose: ReferralPurpose;

  @Column({ type: 'text', nullable: true })
  activity: string | null;

  @Column({ name: 'shared_categories', type: 'text', array: true })
  sharedCategories: InformationCategory[];

  @Column({ name: 'response_due_date', type: 'date' })
  responseDueDate: string;

  @Column({ type: 'text', default: 'SENT' })
  state: ReferralState;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: ReferralDeclineReason | null;

  @Column({ name: 'outcome_code', type: 'text', nullable: true })
  outcomeCode: ReferralOutcome | null;

  /** The receiver's own note: never shown to the sender. */
  @Column({ name: 'receiver_note', type: 'text', nullable: true })
  receiverNote: string | null;

  @Column({ name: 'overdue_notified_at', type: 'timestamptz', nullable: true })
  overdueNotifiedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'app_now()' })
  updatedAt: Date;
}

/** What the sender shares in one category; the receiver sees the consented ones. */
@Entity('referral_section')
export class ReferralSectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'sender_organisation_id', type: 'uuid' })
  senderOrganisationId: string;

  @Column({ name: 'receiver_organisation_id', type: 'uuid' })
  receiverOrganisationId: string;

  @Column({ type: 'text' })
  category: InformationCategory;

  @Column()
  body: string;
}

@Entity('referral_transition')
export class ReferralTransitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState: ReferralState | null;

  @Column({ name: 'to_state', type: 'text' })
  toState: ReferralState;

  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Column({ name: 'by_user_id', type: 'uuid' })
  byUserId: string;

  @Column({ name: 'by_organisation_id', type: 'uuid' })
  byOrganisationId: string;

  @Column({ type: 'timestamptz', default: () => 'app_clock_timestamp()' })
  at: Date;
}
