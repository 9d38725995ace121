import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Orosanmälan (SoL 14 kap. 1 §): statutory, needs no consent, never blocked, under 18 only. */
@Entity('concern_report')
export class ConcernReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'sender_organisation_id', type: 'uuid' })
  senderOrganisationId: string;

  @Column({ name: 'sender_user_id', type: 'uuid' })
  senderUserId: string;

  @Column({ name: 'receiver_organisation_ids', type: 'uuid', array: true })
  receiverOrganisationIds: string[];

  /**
   * Set when the report was routed to the existing person a possible duplicate stands for:
   * what the sender named (its record, municipality and receivers), all that it sees.
   */
  @Column({ name: 'reported_young_person_id', type: 'uuid', nullable: true })
  reportedYoungPersonId: string | null;

  @Column({ name: 'reported_municipality_code', type: 'char', length: 4, nullable: true })
  reportedMunicipalityCode: string | null;

  @Column({ name: 'reported_receiver_organisation_ids', type: 'uuid', array: true, nullable: true })
  reportedReceiverOrganisationIds: string[] | null;

  @Column()
  description: string;

  @Column({ name: 'immediate_danger', default: false })
  immediateDanger: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
