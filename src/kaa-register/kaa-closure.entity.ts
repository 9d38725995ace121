import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ClosureKind } from './kaa.enums';
import { OccupationField, StudyProgramme } from './closure-codes';

/** Avslut: the young person went to work or studies (or elsewhere), by which measure. */
@Entity('kaa_closure')
export class KaaClosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'young_person_id', type: 'uuid' })
  youngPersonId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'kaa_period_id', type: 'uuid', nullable: true })
  kaaPeriodId: string | null;

  @Column({ name: 'measure_id', type: 'uuid', nullable: true })
  measureId: string | null;

  @Column({ type: 'text' })
  kind: ClosureKind;

  @Column({ name: 'closed_on', type: 'date' })
  closedOn: string;

  @Column({ name: 'occupation_title', type: 'text', nullable: true })
  occupationTitle: string | null;

  @Column({ type: 'text', nullable: true })
  programme: string | null;

  /** The category of a closure to work; kept at purge (the title is not). */
  @Column({ name: 'occupation_field', type: 'text', nullable: true })
  occupationField: OccupationField | null;

  /** The category of a closure to studies; kept at purge (the programme text is not). */
  @Column({ name: 'programme_code', type: 'text', nullable: true })
  programmeCode: StudyProgramme | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
