import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { errorCode } from '../session';

/** Today as a Stockholm date (YYYY-MM-DD), the API's notion of "today". */
export function stockholmToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

export function ErrorMessage({ error }: { error: Parameters<typeof errorCode>[0] }) {
  const { tError } = useT();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {tError(errorCode(error))}
    </p>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export const CONTACT_CHANNELS = ['PHONE', 'SMS', 'EMAIL', 'LETTER', 'HOME_VISIT', 'IN_PERSON', 'SOCIAL_MEDIA', 'VIA_GUARDIAN', 'VIA_SCHOOL'] as const;
export const CONTACT_OUTCOMES = ['REACHED', 'NO_RESPONSE', 'MESSAGE_LEFT', 'DECLINED_CONTACT', 'GUARDIAN_DECLINED', 'WRONG_DETAILS', 'MOVED'] as const;
export const OCCUPATIONS = ['WORK', 'STUDIES', 'INTERNSHIP', 'LABOUR_OFFICE_PROGRAMME', 'MUNICIPAL_MEASURE', 'PARENTAL_LEAVE', 'SICK', 'ABROAD', 'NOTHING', 'UNKNOWN'] as const;
export const WORK_LIST_REASONS = ['NEVER_CONTACTED', 'FOLLOW_UP_OVERDUE', 'LETTERS_UNANSWERED_HOME_VISIT_DUE', 'GUARDIAN_DECLINED_BOOK_HOME_VISIT', 'NO_FOLLOW_UP_DATE', 'NO_RESPONSIBLE', 'CONTACT_OVERDUE', 'KEEP_IN_TOUCH'] as const;
