import { registerEnumType } from '@nestjs/graphql';

/** Roles from DESIGN.md §1. A user may hold several. */
export enum Role {
  YOUTH_COORDINATOR = 'YOUTH_COORDINATOR',
  COUNSELLOR = 'COUNSELLOR',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  EMPLOYMENT_OFFICER = 'EMPLOYMENT_OFFICER',
  ASSOCIATION_LEADER = 'ASSOCIATION_LEADER',
  MANAGER = 'MANAGER',
  AUDITOR = 'AUDITOR',
  ORG_ADMIN = 'ORG_ADMIN',
  MUNICIPALITY_ADMIN = 'MUNICIPALITY_ADMIN',
}

/** The roles that ever see personal data about young people (DESIGN.md §6a). */
export const CASE_WORKING_ROLES: readonly Role[] = [
  Role.YOUTH_COORDINATOR,
  Role.COUNSELLOR,
  Role.SOCIAL_WORKER,
  Role.EMPLOYMENT_OFFICER,
  Role.ASSOCIATION_LEADER,
];

export enum OrganisationKind {
  YOUTH_TEAM = 'YOUTH_TEAM',
  SCHOOL = 'SCHOOL',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
  LABOUR_OFFICE = 'LABOUR_OFFICE',
  ASSOCIATION = 'ASSOCIATION',
  YOUTH_CLINIC = 'YOUTH_CLINIC',
  OTHER = 'OTHER',
}

/** Explicit per-user permissions that no role implies. */
export enum Permission {
  /** May see address and contact of people with skyddade personuppgifter. */
  PROTECTED_IDENTITY = 'PROTECTED_IDENTITY',
  /** May open a record they are not entitled to ("break the glass"), with a written reason. */
  EMERGENCY_ACCESS = 'EMERGENCY_ACCESS',
}

registerEnumType(Permission, { name: 'Permission' });
registerEnumType(Role, {
  name: 'Role',
  description: 'What a user does in the portal (DESIGN.md §1)',
});
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });
