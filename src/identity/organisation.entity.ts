import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationKind } from './role.enum';

@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column()
  name: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  /** Functional mailbox or switchboard shown in the directory; never a person. */
  @Column({ name: 'contact_point', type: 'text', nullable: true })
  contactPoint: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
