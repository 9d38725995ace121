import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** "Break the glass": a reasoned, time-limited opening of a record, reviewed by auditors. */
@Entity('emergency_access')
export class EmergencyAccessEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  /** The young person's home municipality: its auditors review the opening. */
  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  /** The opener's municipality: its auditors review the opening too. */
  @Column({ name: 'opener_municipality_code', type: 'char', length: 4 })
  openerMunicipalityCode: string;

  @Column()
  reason: string;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'app_now()' })
  openedAt: Date;

  /** When the opening ends: four hours after opening, or when the opener ended it. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Set when the opener ended it early (expiresAt is then the same instant). */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;
}
