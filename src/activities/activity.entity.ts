import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ActivityKind {
  /** Öppen Hall: Friday evenings, free, 15–25, hosted by an association. */
  OPEN_HALL = 'OPEN_HALL',
  STUDY_VISIT = 'STUDY_VISIT',
  JOB_FAIR = 'JOB_FAIR',
  THEME_EVENING = 'THEME_EVENING',
  SCHOOL_LECTURE = 'SCHOOL_LECTURE',
  RECRUITMENT_FAIR = 'RECRUITMENT_FAIR',
  OTHER = 'OTHER',
}

@Entity('activity')
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'host_organisation_id', type: 'uuid', nullable: true })
  hostOrganisationId: string | null;

  @Column({ type: 'text' })
  kind: ActivityKind;

  @Column()
  title: string;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'age_min', type: 'int' })
  ageMin: number;

  @Column({ name: 'age_max', type: 'int' })
  ageMax: number;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('activity_attendance')
export class ActivityAttendanceEntity {
  @Column({ name: 'activity_id', type: 'uuid', primary: true })
  activityId: string;

  @Column({ type: 'int' })
  total: number;

  @Column({ name: 'age_15_17', type: 'int' })
  age15to17: number;

  @Column({ name: 'age_18_20', type: 'int' })
  age18to20: number;

  @Column({ name: 'age_21_25', type: 'int' })
  age21to25: number;

  @Column({ name: 'first_timers', type: 'int' })
  firstTimers: number;

  @Column({ name: 'reported_by', type: 'uuid', nullable: true })
  reportedBy: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;
}

@Entity('association_membership_report')
export class MembershipReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ name: 'members_before', type: 'int' })
  membersBefore: number;

  @Column({ name: 'members_after', type: 'int' })
  membersAfter: number;

  @Column({ name: 'reported_by', type: 'uuid', nullable: true })
  reportedBy: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;
}
