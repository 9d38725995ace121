import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PlanParty } from './kaa.enums';

/** The individual plan (individuell plan) of one register period; content lives in versions. */
@Entity('kaa_plan')
export class KaaPlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'kaa_period_id', type: 'uuid' })
  kaaPeriodId: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One revision of the plan; never updated (a database trigger refuses it). */
@Entity('kaa_plan_version')
export class KaaPlanVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ type: 'int' })
  version: number;

  @Column()
  goal: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'next_follow_up_date', type: 'date', nullable: true })
  nextFollowUpDate: string | null;

  @Column({ name: 'revision_reason', type: 'text', nullable: true })
  revisionReason: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Who does what in one plan version: the young person, the municipality or another actor. */
@Entity('kaa_plan_responsibility')
export class KaaPlanResponsibilityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_version_id', type: 'uuid' })
  planVersionId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'text' })
  party: PlanParty;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName: string | null;

  @Column()
  task: string;

  @Column({ name: 'follow_up_date', type: 'date', nullable: true })
  followUpDate: string | null;
}
