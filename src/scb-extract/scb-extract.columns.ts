/**
 * The columns of the half-year SCB extract (KAA reporting to Statistics Sweden), in file
 * order. One row per young person and event; see README.md. No names, no
 * address, no contact details: SCB needs the personnummer only, and protected identities
 * (skyddade personuppgifter) are never exported.
 */
export const SCB_COLUMNS: { name: string; description: string }[] = [
  {
    name: 'record_type',
    description: 'REGISTRATION, CONTACT, MEASURE_STARTED, MEASURE_ENDED or KAA_ENDED',
  },
  { name: 'personnummer', description: 'Personnummer or samordningsnummer, 12 digits' },
  { name: 'municipality_code', description: 'Kommunkod of the reporting municipality' },
  { name: 'birth_date', description: 'YYYY-MM-DD' },
  { name: 'kaa_entry_date', description: 'Start of the register period the row belongs to' },
  {
    name: 'kaa_entry_reason',
    description: 'NEVER_STARTED, INTERRUPTED_STUDIES, MOVED_IN, STUDY_CERTIFICATE_ONLY',
  },
  {
    name: 'event_date',
    description:
      'REGISTRATION: the entry date; CONTACT: the contact date (Swedish time); MEASURE_STARTED/ENDED: start/end date; KAA_ENDED: the exit date',
  },
  {
    name: 'contact_channel',
    description:
      'CONTACT rows: LETTER, PHONE, SMS, EMAIL, SOCIAL_MEDIA, HOME_VISIT, IN_PERSON, VIA_GUARDIAN, VIA_SCHOOL',
  },
  { name: 'contact_direction', description: 'CONTACT rows: OUTBOUND or INBOUND' },
  {
    name: 'contact_outcome',
    description:
      'CONTACT rows: NO_RESPONSE, REACHED, DECLINED_CONTACT, WRONG_DETAILS, MOVED, GUARDIAN_DECLINED, MESSAGE_LEFT',
  },
  {
    name: 'occupation',
    description:
      'The occupation valid on occupation_date (latest recorded with valid_from on or before it); UNKNOWN when none',
  },
  {
    name: 'occupation_date',
    description:
      'CONTACT, MEASURE_*, KAA_ENDED: the event date; REGISTRATION: the last day of the half-year, or the exit date if earlier',
  },
  { name: 'measure_type', description: 'MEASURE_* rows: the kind of measure' },
  { name: 'measure_status', description: 'MEASURE_* rows: the status at extraction' },
  { name: 'measure_end_reason', description: 'MEASURE_ENDED rows: why it ended' },
  {
    name: 'kaa_exit_reason',
    description: 'KAA_ENDED rows: STARTED_STUDIES, COMPLETED_STUDIES, TURNED_20, MOVED_AWAY, OTHER',
  },
];

export interface ScbRow {
  record_type: string;
  personnummer: string;
  municipality_code: string;
  birth_date: string;
  kaa_entry_date: string;
  kaa_entry_reason: string;
  event_date: string;
  contact_channel: string | null;
  contact_direction: string | null;
  contact_outcome: string | null;
  occupation: string;
  occupation_date: string;
  measure_type: string | null;
  measure_status: string | null;
  measure_end_reason: string | null;
  kaa_exit_reason: string | null;
}

function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: ScbRow[]): string {
  const names = SCB_COLUMNS.map((c) => c.name) as (keyof ScbRow)[];
  const lines = [names.join(',')];
  for (const r of rows) lines.push(names.map((n) => csvField(r[n] as string | null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
