import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Read model of the access log; rows are only ever inserted (see AccessLogWriter). */
@Entity('access_log')
export class AccessLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @Column({ name: 'actor_municipality_code', type: 'char', length: 4, nullable: true })
  actorMunicipalityCode: string | null;

  @Column({ name: 'subject_municipality_code', type: 'char', length: 4, nullable: true })
  subjectMunicipalityCode: string | null;

  @Column()
  action: string;

  @Column({ name: 'subject_type' })
  subjectType: string;

  @Column({ name: 'subject_ids', type: 'uuid', array: true })
  subjectIds: string[];

  @Column({ name: 'young_person_ids', type: 'uuid', array: true })
  youngPersonIds: string[];

  @Column({ type: 'text', array: true })
  fields: string[];

  @Column({ name: 'legal_basis' })
  legalBasis: string;

  @Column({ name: 'consent_ids', type: 'uuid', array: true })
  consentIds: string[];

  @Column({ name: 'seal_seq', type: 'bigint', nullable: true })
  sealSeq: string | null;

  @Column({ type: 'text', nullable: true })
  hash: string | null;
}
