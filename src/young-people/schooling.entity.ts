import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ProgrammeType {
  NATIONAL = 'NATIONAL',
  /** Introduktionsprogram: not counted as being in upper secondary for KAA since 2018. */
  INTRODUCTION = 'INTRODUCTION',
  COMPULSORY = 'COMPULSORY',
  OTHER = 'OTHER',
}

export enum SchoolingStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  INTERRUPTED = 'INTERRUPTED',
}

@Entity('schooling')
export class SchoolingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  /** Set when the school uses the portal; enrolment there lets the school see the student. */
  @Column({ name: 'school_organisation_id', type: 'uuid', nullable: true })
  schoolOrganisationId: string | null;

  @Column({ name: 'school_name' })
  schoolName: string;

  @Column({ name: 'programme_code' })
  programmeCode: string;

  @Column({ name: 'programme_type', type: 'text' })
  programmeType: ProgrammeType;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text' })
  status: SchoolingStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
