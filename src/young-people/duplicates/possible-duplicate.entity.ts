import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a merge moved, per table and column, so that an undo can move it back. */
export interface MovedRows {
  table: string;
  column: string;
  ids: string[];
}

/**
 * A record created for a personnummer the register already held elsewhere, linked to the
 * existing person for the youth team of that person's home municipality (DESIGN §6).
 */
@Entity('possible_duplicate')
export class PossibleDuplicateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The new record; removed by a merge (kept in duplicateRow) and restored by an undo. */
  @Column({ name: 'duplicate_id', type: 'uuid' })
  duplicateId: string;

  @Column({ name: 'existing_id', type: 'uuid' })
  existingId: string;

  /** The existing person's home municipality when linked: its youth team may merge. */
  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'created_by_organisation_id', type: 'uuid' })
  createdByOrganisationId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'merged_at', type: 'timestamptz', nullable: true })
  mergedAt: Date | null;

  @Column({ name: 'merged_by', type: 'uuid', nullable: true })
  mergedBy: string | null;

  /** The duplicate's young_person row as it was when merged. */
  @Column({ name: 'duplicate_row', type: 'jsonb', nullable: true })
  duplicateRow: Record<string, unknown> | null;

  @Column({ name: 'moved_rows', type: 'jsonb', nullable: true })
  movedRows: MovedRows[] | null;

  @Column({ name: 'undone_at', type: 'timestamptz', nullable: true })
  undoneAt: Date | null;

  @Column({ name: 'undone_by', type: 'uuid', nullable: true })
  undoneBy: string | null;
}
