import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { MeasureEndReason, MeasureStatus, MeasureType } from './kaa.enums';

/** An åtgärd offered to a young person in the register, serving the individual plan. */
@Entity('kaa_measure')
export class KaaMeasureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'kaa_period_id', type: 'uuid', nullable: true })
  kaaPeriodId: string | null;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId: string | null;

  @Column({ type: 'text' })
  type: MeasureType;

  @Column()
  provider: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'offered_on', type: 'date' })
  offeredOn: string;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text' })
  status: MeasureStatus;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: MeasureEndReason | null;

  @Column({ name: 'end_note', type: 'text', nullable: true })
  endNote: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
