import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { MeetingStatus } from './risk-flag.enums';

/** A preventive meeting about a risk flag (förebyggande möte). */
@Entity('preventive_meeting')
export class PreventiveMeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'risk_flag_id', type: 'uuid' })
  riskFlagId: string;

  @Column({ name: 'meeting_at', type: 'timestamptz' })
  meetingAt: Date;

  /** Who takes part, by role or name (e.g. "elev", "mentor", "ungdomskoordinator"). */
  @Column({ type: 'text', array: true })
  participants: string[];

  @Column({ type: 'text' })
  status: MeetingStatus;

  @Column({ name: 'booked_by', type: 'uuid' })
  bookedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
