import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Permission, Role } from './role.enum';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** Denormalised tenant key, kept equal to the organisation's by a composite foreign key. */
  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column()
  email: string;

  @Column({ name: 'display_name' })
  displayName: string;

  @Column({ name: 'password_hash', select: false })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  /** Explicit permissions beyond roles: PROTECTED_IDENTITY, EMERGENCY_ACCESS. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  permissions: Permission[];

  @Column({ default: true })
  active: boolean;

  @Column({ name: 'failed_login_count', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
