import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { NoticeKind, NoticeReasonCategory, NoticeStatus } from './school-notice.enums';

/** A school's notice to the home municipality (Skollagen 15 kap. 15 §). */
@Entity('school_notice')
export class SchoolNoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'school_organisation_id', type: 'uuid' })
  schoolOrganisationId: string;

  @Column({ name: 'school_municipality_code', type: 'char', length: 4 })
  schoolMunicipalityCode: string;

  /** The receiving tenant: the student's folkbokföringskommun when the notice was sent. */
  @Column({ name: 'home_municipality_code', type: 'char', length: 4 })
  homeMunicipalityCode: string;

  /**
   * Set when the notice was routed to the existing person a possible duplicate stands
   * for: the school's own record and the municipality it named, all that the school sees.
   */
  @Column({ name: 'reported_young_person_id', type: 'uuid', nullable: true })
  reportedYoungPersonId: string | null;

  @Column({ name: 'reported_home_municipality_code', type: 'char', length: 4, nullable: true })
  reportedHomeMunicipalityCode: string | null;

  @Column({ type: 'text' })
  kind: NoticeKind;

  @Column({ name: 'last_attendance_date', type: 'date' })
  lastAttendanceDate: string;

  @Column({ name: 'reason_category', type: 'text' })
  reasonCategory: NoticeReasonCategory;

  @Column({ name: 'left_with_plan' })
  leftWithPlan: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'risk_flag_id', type: 'uuid', nullable: true })
  riskFlagId: string | null;

  @Column({ name: 'sent_by', type: 'uuid' })
  sentBy: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ type: 'text' })
  status: NoticeStatus;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  /** What followed in the register: never exposed to the school. */
  @Column({ name: 'kaa_period_id', type: 'uuid', nullable: true })
  kaaPeriodId: string | null;
}
