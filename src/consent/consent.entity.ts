import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import {
  ConsentGiver,
  ConsentMethod,
  ConsentWithdrawnBy,
  InformationCategory,
} from './consent-category';

@Entity('consent')
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  /** The young person's home municipality when the consent was documented (tenant key). */
  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'given_by', type: 'text', array: true })
  givenBy: ConsentGiver[];

  @Column({ type: 'text' })
  method: ConsentMethod;

  @Column({ name: 'documented_by_user_id', type: 'uuid' })
  documentedByUserId: string;

  @Column({ name: 'documented_by_organisation_id', type: 'uuid' })
  documentedByOrganisationId: string;

  @Column()
  purpose: string;

  @Column({ type: 'text', array: true })
  categories: InformationCategory[];

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by', type: 'text', nullable: true })
  withdrawnBy: ConsentWithdrawnBy | null;

  @Column({ name: 'withdrawal_recorded_by_user_id', type: 'uuid', nullable: true })
  withdrawalRecordedByUserId: string | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;

  /** 1 for a consent as first given; each amendment adds one. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'previous_version_id', type: 'uuid', nullable: true })
  previousVersionId: string | null;

  @Column({ name: 'superseded_by_id', type: 'uuid', nullable: true })
  supersededById: string | null;

  /** A young person who consented alone: whether they want the guardians told. */
  @Column({ name: 'guardians_to_be_told', type: 'boolean', nullable: true })
  guardiansToBeTold: boolean | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('consent_recipient')
export class ConsentRecipientEntity {
  @PrimaryColumn({ name: 'consent_id', type: 'uuid' })
  consentId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;
}

@Entity('consent_policy')
export class ConsentPolicyEntity {
  @PrimaryColumn({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'own_consent_from_age', type: 'integer' })
  ownConsentFromAge: number;

  @Column({ name: 'guardian_also_required' })
  guardianAlsoRequired: boolean;

  @Column({ name: 'both_guardians_required' })
  bothGuardiansRequired: boolean;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
