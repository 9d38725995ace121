import { AccessAction, AccessLogEntry, LegalBasis } from '../../audit/access-log-entry';
import { SchoolNoticeEntity } from './school-notice.entity';

export const SCHOOL_NOTICE_SUBJECT = 'SCHOOL_NOTICE';
export const NOTICE_FIELDS = [
  'kind',
  'lastAttendanceDate',
  'reasonCategory',
  'leftWithPlan',
  'note',
  'status',
];

/** The notice duty is statutory for both ends: sending and receiving need no consent. */
export function noticeAccessEntry(
  action: AccessAction,
  notices: SchoolNoticeEntity[],
  fields: string[] = NOTICE_FIELDS,
): AccessLogEntry {
  return {
    action,
    subjectType: SCHOOL_NOTICE_SUBJECT,
    subjectIds: notices.map((n) => n.id),
    youngPersonIds: notices.map((n) => n.youngPersonId),
    fields,
    legalBasis: LegalBasis.STATUTORY_DUTY,
    // The receiving tenant; the sending school's auditors find it by actor municipality.
    subjectMunicipalityCode: notices[0]?.homeMunicipalityCode ?? null,
  };
}
