import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum SummerJobSector {
  MUNICIPALITY = 'MUNICIPALITY',
  BUSINESS = 'BUSINESS',
  ASSOCIATION = 'ASSOCIATION',
}

/** Positions an employer offers in a year, and how many were filled. */
@Entity('summer_job_offer')
export class SummerJobOfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  sector: SummerJobSector;

  @Column({ name: 'employer_name' })
  employerName: string;

  @Column({ type: 'int' })
  positions: number;

  @Column({ type: 'int' })
  placements: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
