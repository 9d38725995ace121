import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import {
  ConsentGivenBy,
  ConsentMethod,
  RiskFlagStatus,
  RiskIndicator,
  RiskSeverity,
} from './risk-flag.enums';

/** A dropout-risk flag (avhoppsrisk). School secrecy (OSL 23 kap.) keeps it in the school unless consented. */
@Entity('risk_flag')
export class RiskFlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'school_organisation_id', type: 'uuid' })
  schoolOrganisationId: string;

  @Column({ name: 'school_municipality_code', type: 'char', length: 4 })
  schoolMunicipalityCode: string;

  @Column({ type: 'text', array: true })
  indicators: RiskIndicator[];

  @Column({
    name: 'absence_percentage',
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: {
      to: (v: number | null | undefined) => v,
      from: (v: string | null) => (v === null ? null : Number(v)),
    },
  })
  absencePercentage: number | null;

  @Column({ type: 'text' })
  severity: RiskSeverity;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text' })
  status: RiskFlagStatus;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt: Date;

  @Column({ name: 'raised_by', type: 'uuid' })
  raisedBy: string;

  @Column({ name: 'responsible_user_id', type: 'uuid', nullable: true })
  responsibleUserId: string | null;

  @Column({ name: 'escalated_notice_id', type: 'uuid', nullable: true })
  escalatedNoticeId: string | null;

  /** Link to the generalised consent record, once that exists. */
  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId: string | null;

  @Column({ name: 'consent_given_by', type: 'text', nullable: true })
  consentGivenBy: ConsentGivenBy | null;

  @Column({ name: 'consent_method', type: 'text', nullable: true })
  consentMethod: ConsentMethod | null;

  @Column({ name: 'consent_given_on', type: 'date', nullable: true })
  consentGivenOn: string | null;

  /** A guardian's consent for an under-15 stops being enough on the 15th birthday. */
  @Column({ name: 'consent_valid_until', type: 'date', nullable: true })
  consentValidUntil: string | null;

  @Column({ name: 'consent_recorded_by', type: 'uuid', nullable: true })
  consentRecordedBy: string | null;

  @Column({ name: 'consent_recorded_at', type: 'timestamptz', nullable: true })
  consentRecordedAt: Date | null;

  @Column({ name: 'consent_withdrawn_at', type: 'timestamptz', nullable: true })
  consentWithdrawnAt: Date | null;

  @Column({ name: 'consent_withdrawal_recorded_by', type: 'uuid', nullable: true })
  consentWithdrawalRecordedBy: string | null;

  /** The home municipality whose youth team the consent names. */
  @Column({ name: 'shared_with_municipality_code', type: 'char', length: 4, nullable: true })
  sharedWithMunicipalityCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
