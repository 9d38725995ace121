/**
 * Retention periods (gallringsfrister) when a municipality has set none; the same numbers
 * as the column defaults of retention_setting.
 */
export const RETENTION_DEFAULTS = {
  /** KAA data, counted from the day the person left the register for good. */
  kaaMonths: 24,
  /** A closed joint case's content, counted from its closure. */
  closedCaseMonths: 24,
  /** A notice's or risk flag's free text, counted from acknowledgement / resolution. */
  noticeFlagMonths: 12,
  /** Content shared under a consent, counted from the withdrawal. */
  withdrawnConsentMonths: 3,
  /** Access-log rows, on their own period (IMY: at least 5 years unless the municipality decides). */
  accessLogYears: 5,
} as const;

/** What replaces stripped free text where a column may not be empty. */
export const PURGED_TEXT = 'Removed by retention (gallring).';
/** The name columns of an anonymised young person. */
export const ANONYMISED_NAME = 'ANONYMISED';

/**
 * The effective settings of every municipality, as a SQL CTE body: one row per
 * municipality code with the four periods in months.
 */
export const SETTINGS_SQL = `
  SELECT m.code,
         COALESCE(r.kaa_months, ${RETENTION_DEFAULTS.kaaMonths}) AS kaa_months,
         COALESCE(r.closed_case_months, ${RETENTION_DEFAULTS.closedCaseMonths}) AS closed_case_months,
         COALESCE(r.notice_flag_months, ${RETENTION_DEFAULTS.noticeFlagMonths}) AS notice_flag_months,
         COALESCE(r.withdrawn_consent_months, ${RETENTION_DEFAULTS.withdrawnConsentMonths}) AS withdrawn_consent_months
  FROM municipality m LEFT JOIN retention_setting r ON r.municipality_code = m.code`;
