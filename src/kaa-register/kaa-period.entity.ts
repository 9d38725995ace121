import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum KaaEntryReason {
  NEVER_STARTED = 'NEVER_STARTED',
  INTERRUPTED_STUDIES = 'INTERRUPTED_STUDIES',
  MOVED_IN = 'MOVED_IN',
  STUDY_CERTIFICATE_ONLY = 'STUDY_CERTIFICATE_ONLY',
}

export enum KaaExitReason {
  STARTED_STUDIES = 'STARTED_STUDIES',
  COMPLETED_STUDIES = 'COMPLETED_STUDIES',
  TURNED_20 = 'TURNED_20',
  MOVED_AWAY = 'MOVED_AWAY',
  OTHER = 'OTHER',
}

/** A period in the KAA register (kommunala aktivitetsansvaret, Skollagen 29 kap. 9 §). */
@Entity('kaa_period')
export class KaaPeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'entry_date', type: 'date' })
  entryDate: string;

  @Column({ name: 'entry_reason', type: 'text' })
  entryReason: KaaEntryReason;

  @Column({ name: 'exit_date', type: 'date', nullable: true })
  exitDate: string | null;

  @Column({ name: 'exit_reason', type: 'text', nullable: true })
  exitReason: KaaExitReason | null;

  /** The coordinator who makes sure this young person is not lost. */
  @Column({ name: 'responsible_user_id', type: 'uuid', nullable: true })
  responsibleUserId: string | null;

  @Column({ name: 'next_follow_up_date', type: 'date', nullable: true })
  nextFollowUpDate: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
