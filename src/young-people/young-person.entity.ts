import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A young person (15–25). Address and contact are hidden when protectedIdentity is set. */
@Entity('young_person')
export class YoungPersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Personnummer or samordningsnummer, 12 digits; null once retention anonymised the person. */
  @Column({ name: 'personal_number', type: 'char', length: 12, nullable: true })
  personalNumber: string | null;

  @Column({ name: 'coordination_number', default: false })
  coordinationNumber: boolean;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ name: 'given_name' })
  givenName: string;

  @Column({ name: 'family_name' })
  familyName: string;

  /** Folkbokföringskommun: the tenant that owns the KAA duty for this person. */
  @Column({ name: 'home_municipality_code', type: 'char', length: 4 })
  homeMunicipalityCode: string;

  @Column({ name: 'street_address', type: 'text', nullable: true })
  streetAddress: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'preferred_language', type: 'text', nullable: true })
  preferredLanguage: string | null;

  /** Skyddade personuppgifter. */
  @Column({ name: 'protected_identity', default: false })
  protectedIdentity: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
