import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum OccupationCategory {
  STUDIES = 'STUDIES',
  WORK = 'WORK',
  INTERNSHIP = 'INTERNSHIP',
  LABOUR_OFFICE_PROGRAMME = 'LABOUR_OFFICE_PROGRAMME',
  MUNICIPAL_MEASURE = 'MUNICIPAL_MEASURE',
  PARENTAL_LEAVE = 'PARENTAL_LEAVE',
  SICK = 'SICK',
  ABROAD = 'ABROAD',
  NOTHING = 'NOTHING',
  UNKNOWN = 'UNKNOWN',
}

export enum OccupationSource {
  YOUNG_PERSON = 'YOUNG_PERSON',
  GUARDIAN = 'GUARDIAN',
  SCHOOL = 'SCHOOL',
  LABOUR_OFFICE = 'LABOUR_OFFICE',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
  POPULATION_REGISTER = 'POPULATION_REGISTER',
  HOME_VISIT = 'HOME_VISIT',
  OTHER = 'OTHER',
}

/**
 * Sysselsättning over time. The current occupation is the latest valid_from (then the
 * latest recorded); "vetskap" means it is known, i.e. not UNKNOWN.
 */
@Entity('occupation')
export class OccupationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ type: 'text' })
  category: OccupationCategory;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ type: 'text' })
  source: OccupationSource;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
