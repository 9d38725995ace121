import { registerEnumType } from '@nestjs/graphql';

export enum AccessAction {
  READ = 'READ',
  SEARCH = 'SEARCH',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  EXPORT = 'EXPORT',
  LOGIN_SUCCEEDED = 'LOGIN_SUCCEEDED',
  LOGIN_FAILED = 'LOGIN_FAILED',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  LOGOUT = 'LOGOUT',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  /** A user's answer would have crossed their record budget (RecordBudget); it was withheld. */
  RECORD_BUDGET_EXCEEDED = 'RECORD_BUDGET_EXCEEDED',
}

/** Why the actor may do what the row records (DESIGN.md §6, §7). */
export enum LegalBasis {
  /** The youth team's KAA register, the school's notice duty, a concern report. */
  STATUTORY_DUTY = 'STATUTORY_DUTY',
  CONSENT = 'CONSENT',
  EMERGENCY_ACCESS = 'EMERGENCY_ACCESS',
  /** Administration of the portal itself: users, organisations. */
  ADMINISTRATION = 'ADMINISTRATION',
  /** The school's own records about its own students. */
  OWN_ORGANISATION = 'OWN_ORGANISATION',
  AUTHENTICATION = 'AUTHENTICATION',
  AUDIT = 'AUDIT',
}

registerEnumType(AccessAction, { name: 'AccessAction' });
registerEnumType(LegalBasis, { name: 'LegalBasis' });

/** One access-log row to write: ids only, never names or personnummer. */
export interface AccessLogEntry {
  action: AccessAction;
  subjectType: string;
  /** Never empty for a record about someone; the database refuses an empty or NULL id. */
  subjectIds: string[];
  /** Same length as subjectIds when the i-th subject is about the i-th young person. */
  youngPersonIds?: string[];
  fields?: string[];
  legalBasis: LegalBasis;
  consentIds?: string[];
  /**
   * The tenant whose data was touched; its auditors see the row. For rows about young
   * people the writer uses their home municipality instead (AccessLogWriter.record).
   */
  subjectMunicipalityCode?: string | null;
}

/** Who wrote the row; null fields for anonymous events such as a failed login. */
export interface AccessLogActor {
  requestId?: string;
  userId?: string | null;
  organisationId?: string | null;
  municipalityCode?: string | null;
}
