import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { InformationCategory } from '../consent/consent-category';
import {
  CaseClosureOutcome,
  CaseStatus,
  GoalResponsible,
  GoalStatus,
  MeetingKind,
  NoteVisibility,
  TaskKind,
  TaskStatus,
} from './case.enums';

/** Samverkansärende: one young person, one lead organisation, participants. */
@Entity('joint_case')
export class JointCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'lead_organisation_id', type: 'uuid' })
  leadOrganisationId: string;

  @Column({ name: 'lead_user_id', type: 'uuid' })
  leadUserId: string;

  /** A lead change waiting for the proposed user's acceptance. */
  @Column({ name: 'proposed_lead_organisation_id', type: 'uuid', nullable: true })
  proposedLeadOrganisationId: string | null;

  @Column({ name: 'proposed_lead_user_id', type: 'uuid', nullable: true })
  proposedLeadUserId: string | null;

  @Column({ name: 'lead_proposed_by', type: 'uuid', nullable: true })
  leadProposedBy: string | null;

  @Column({ name: 'lead_proposed_at', type: 'timestamptz', nullable: true })
  leadProposedAt: Date | null;

  @Column()
  title: string;

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ name: 'closure_outcome', type: 'text', nullable: true })
  closureOutcome: CaseClosureOutcome | null;

  @Column({ name: 'closure_note', type: 'text', nullable: true })
  closureNote: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'app_now()' })
  updatedAt: Date;
}

@Entity('case_participant')
export class CaseParticipantEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  role: 'LEAD' | 'PARTICIPANT';

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'app_now()' })
  addedAt: Date;
}

/** One version of a note; corrections are new rows (append-only). */
@Entity('case_note')
export class CaseNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'root_note_id', type: 'uuid' })
  rootNoteId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'previous_version_id', type: 'uuid', nullable: true })
  previousVersionId: string | null;

  @Column({ default: false })
  superseded: boolean;

  @Column({ name: 'author_organisation_id', type: 'uuid' })
  authorOrganisationId: string;

  @Column({ name: 'author_user_id', type: 'uuid' })
  authorUserId: string;

  @Column({ type: 'text' })
  category: InformationCategory;

  @Column({ type: 'text', default: 'CASE' })
  visibility: NoteVisibility;

  @Column()
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'app_clock_timestamp()' })
  createdAt: Date;
}

@Entity('case_meeting')
export class CaseMeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  kind: MeetingKind;

  @Column({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt: Date;

  @Column({ name: 'held_at', type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @Column({ type: 'text', nullable: true })
  minutes: string | null;

  @Column({ name: 'young_person_attended', type: 'boolean', nullable: true })
  youngPersonAttended: boolean | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('case_meeting_participant')
export class CaseMeetingParticipantEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;
}

/** EOR action plan: a goal (parentGoalId null) and sub-goals planned backwards from it. */
@Entity('case_goal')
export class CaseGoalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'parent_goal_id', type: 'uuid', nullable: true })
  parentGoalId: string | null;

  @Column()
  description: string;

  @Column({ name: 'target_date', type: 'date' })
  targetDate: string;

  @Column({ type: 'text' })
  responsible: GoalResponsible;

  @Column({ name: 'owner_organisation_id', type: 'uuid', nullable: true })
  ownerOrganisationId: string | null;

  @Column({ type: 'text', default: 'OPEN' })
  status: GoalStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('case_task')
export class CaseTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text', default: 'GENERAL' })
  kind: TaskKind;

  @Column()
  title: string;

  @Column({ name: 'owner_organisation_id', type: 'uuid' })
  ownerOrganisationId: string;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'text', default: 'OPEN' })
  status: TaskStatus;

  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
