import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum NetworkMeetingKind {
  /** Professionsmöte: with professionals of other organisations, e.g. school, social services. */
  PROFESSIONAL = 'PROFESSIONAL',
  /** Nätverksträff: with other municipalities' KAA teams (seeds/004). */
  NETWORK = 'NETWORK',
}

/** A professional or network meeting held by a youth team: counts and organisation names only. */
@Entity('network_meeting')
export class NetworkMeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ type: 'text' })
  kind: NetworkMeetingKind;

  @Column({ type: 'int' })
  participants: number;

  @Column({ type: 'text', array: true })
  organisations: string[];

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;
}
