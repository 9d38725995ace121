import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The tenant: a kommun identified by its 4-digit kommunkod. */
@Entity('municipality')
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'char', length: 4 })
  code: string;

  @Column()
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
