import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { RiskFlagStatus, RiskIndicator, RiskSeverity } from './risk-flag.enums';

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

  /**
   * The consent record (category SCHOOL, naming the home municipality's youth team) the
   * school documented to share the flag; the latest one when it was shared again.
   */
  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
