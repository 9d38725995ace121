import { AccessAction, AccessLogEntry, LegalBasis } from '../../audit/access-log-entry';
import { RequestContext } from '../../core/auth/request-context';
import { OrganisationKind } from '../../identity/role.enum';
import { RiskFlagEntity } from './risk-flag.entity';

export const RISK_FLAG_SUBJECT = 'RISK_FLAG';
export const FLAG_FIELDS = ['indicators', 'absencePercentage', 'severity', 'note', 'status'];

/**
 * One access-log entry for flags of one school: the school works with its own records;
 * the youth team reads them on the strength of the consents in force that granted the
 * read (`consentIds`, selected with the rows, see risk-flag-scope.ts).
 */
export function flagAccessEntry(
  ctx: RequestContext,
  action: AccessAction,
  flags: RiskFlagEntity[],
  fields: string[] = FLAG_FIELDS,
  consentIds: string[] = [],
): AccessLogEntry {
  const byConsent = ctx.actor.organisationKind !== OrganisationKind.SCHOOL;
  return {
    action,
    subjectType: RISK_FLAG_SUBJECT,
    subjectIds: flags.map((f) => f.id),
    youngPersonIds: flags.map((f) => f.youngPersonId),
    fields,
    legalBasis: byConsent ? LegalBasis.CONSENT : LegalBasis.OWN_ORGANISATION,
    consentIds: [...new Set(consentIds)],
    // A school's flags belong to its tenant; a youth team reads only flags shared with its own.
    subjectMunicipalityCode: byConsent
      ? ctx.actor.municipalityCode
      : (flags[0]?.schoolMunicipalityCode ?? ctx.actor.municipalityCode),
  };
}
