import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('guardian')
export class GuardianEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column()
  name: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'street_address', type: 'text', nullable: true })
  streetAddress: string | null;

  /** The guardian declined contact with the youth team (under-18s need a booked visit). */
  @Column({ name: 'declined_contact', default: false })
  declinedContact: boolean;

  @Column({ name: 'declined_contact_at', type: 'timestamptz', nullable: true })
  declinedContactAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
