import { Fragment, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ConsentGiver, RiskIndicator, RiskSeverity, SchoolNoticeKind, SchoolNoticeReason, SchoolStudentsQuery } from '../gql/graphql';
import { useT, type MessageId } from '../i18n';
import { ErrorMessage, Section, stockholmToday } from './common';

const StudentsQuery = graphql(`
  query SchoolStudents {
    schoolStudents(first: 100) {
      totalCount
      edges {
        node {
          id
          givenName
          familyName
          birthDate
          homeMunicipalityCode
        }
      }
    }
    riskFlags(first: 100) {
      edges {
        node {
          id
          severity
          status
          indicators
          createdAt
          student {
            id
            givenName
            familyName
          }
          consent {
            consentId
            inForce
          }
          meetings {
            id
            meetingAt
            status
            participants
          }
        }
      }
    }
    schoolNotices(first: 50) {
      edges {
        node {
          id
          kind
          status
          sentAt
          homeMunicipalityCode
          student {
            id
            givenName
            familyName
          }
        }
      }
    }
  }
`);

const RaiseRiskFlagMutation = graphql(`
  mutation RaiseRiskFlag($input: RaiseRiskFlagInput!) {
    raiseRiskFlag(input: $input) {
      id
      status
    }
  }
`);

const ChangeRiskFlagStatusMutation = graphql(`
  mutation ChangeRiskFlagStatus($input: ChangeRiskFlagStatusInput!) {
    changeRiskFlagStatus(input: $input) {
      id
      status
    }
  }
`);

const BookPreventiveMeetingMutation = graphql(`
  mutation BookPreventiveMeeting($input: BookPreventiveMeetingInput!) {
    bookPreventiveMeeting(input: $input) {
      id
      status
    }
  }
`);

const UpdatePreventiveMeetingMutation = graphql(`
  mutation UpdatePreventiveMeeting($input: UpdatePreventiveMeetingInput!) {
    updatePreventiveMeeting(input: $input) {
      id
      status
    }
  }
`);

const SendSchoolNoticeMutation = graphql(`
  mutation SendSchoolNotice($input: SendSchoolNoticeInput!) {
    sendSchoolNotice(input: $input) {
      id
      status
      homeMunicipalityCode
    }
  }
`);

const INDICATORS = ['HIGH_ABSENCE', 'FAILING_COURSES', 'WANTS_TO_QUIT', 'WELLBEING', 'SOCIAL_SITUATION', 'OTHER'] as const;
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
const NOTICE_KINDS = ['SIGNIFICANT_ABSENCE', 'DROPPED_OUT'] as const;
const NOTICE_REASONS = ['STUDY_MOTIVATION', 'STUDY_DIFFICULTIES', 'WRONG_PROGRAMME', 'PERSONAL_SITUATION', 'WORK', 'MOVED', 'OTHER', 'UNKNOWN'] as const;
const GIVERS = ['YOUNG_PERSON', 'ONE_GUARDIAN', 'BOTH_GUARDIANS'] as const;

export function StudentsPage() {
  const { t, tEnum, date } = useT();
  const [{ data, error }, refetch] = useQuery({ query: StudentsQuery, requestPolicy: 'cache-and-network' });
  const [open, setOpen] = useState<{ id: string; form: 'flag' | 'notice' } | null>(null);
  const [status, setStatus] = useState('');
  const done = (message: string) => {
    setOpen(null);
    setStatus(message);
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <h1>{t('students.title')}</h1>
      <p role="status" className="status">{status}</p>
      <ErrorMessage error={error} />
      <table>
        <caption>{t('students.caption', { count: data?.schoolStudents.totalCount ?? 0 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('person.birthDate')}</th>
            <th scope="col">{t('person.homeMunicipality')}</th>
            <th scope="col">{t('workList.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.schoolStudents.edges.map(({ node: s }) => {
            const name = `${s.givenName} ${s.familyName}`;
            return (
              <Fragment key={s.id}>
                <tr data-testid="student-row">
                  <td>{name}</td>
                  <td>{date(s.birthDate)}</td>
                  <td>{s.homeMunicipalityCode}</td>
                  <td>
                    <button type="button" aria-label={t('flag.raiseFor', { name })} onClick={() => setOpen({ id: s.id, form: 'flag' })}>
                      {t('flag.raise')}
                    </button>{' '}
                    <button type="button" aria-label={t('notice.sendFor', { name })} onClick={() => setOpen({ id: s.id, form: 'notice' })}>
                      {t('notice.send')}
                    </button>
                  </td>
                </tr>
                {open?.id === s.id && (
                  <tr>
                    <td colSpan={4}>
                      {open.form === 'flag' ? (
                        <FlagForm youngPersonId={s.id} name={name} onDone={() => done(t('flag.raised', { name }))} />
                      ) : (
                        <NoticeForm youngPersonId={s.id} name={name} onDone={() => done(t('notice.sent', { name }))} />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>

      <Section title={t('flag.title')} id="flags">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('flag.indicators')}</th>
              <th scope="col">{t('flag.severity')}</th>
              <th scope="col">{t('flag.status')}</th>
              <th scope="col">{t('flag.meetings')}</th>
              <th scope="col">{t('flag.consent')}</th>
              <th scope="col">{t('workList.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.riskFlags.edges.map(({ node: f }) => (
              <FlagRow key={f.id} flag={f} onChanged={(message) => done(message)} />
            ))}
          </tbody>
        </table>
      </Section>

      <Section title={t('notice.title')} id="notices">
        <ul>
          {data?.schoolNotices.edges.map(({ node: n }) => (
            <li key={n.id} data-testid="notice">
              {date(n.sentAt)}: {n.student ? `${n.student.givenName} ${n.student.familyName}` : t('person.nameHidden')} · {tEnum('SchoolNoticeKind', n.kind)} · {n.homeMunicipalityCode} · {tEnum('SchoolNoticeStatus', n.status)}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

type Flag = NonNullable<SchoolStudentsQuery['riskFlags']['edges'][number]['node']>;

/**
 * The follow-up path the API allows (risk-flag-transitions.ts): an open flag gets a
 * meeting booked, then a plan, then it is resolved. Each step is offered only where it is
 * the next one, so the screen never asks for a change the API refuses.
 */
function FlagRow({ flag: f, onChanged }: { flag: Flag; onChanged: (message: string) => void }) {
  const { t, tEnum, dateTime } = useT();
  const [booking, setBooking] = useState(false);
  const [changed, changeStatus] = useMutation(ChangeRiskFlagStatusMutation);
  const [held, updateMeeting] = useMutation(UpdatePreventiveMeetingMutation);
  const name = f.student ? `${f.student.givenName} ${f.student.familyName}` : t('person.nameHidden');
  const booked = f.meetings.find((m) => m.status === 'BOOKED');
  const step = (status: 'PLAN_AGREED' | 'RESOLVED', message: MessageId) =>
    void changeStatus({ input: { riskFlagId: f.id, status } }).then((r) => !r.error && onChanged(t(message, { name })));
  return (
    <>
      <tr data-testid="flag-row">
        <td>{name}</td>
        <td>{f.indicators.map((i) => tEnum('RiskIndicator', i)).join(', ')}</td>
        <td>{tEnum('RiskSeverity', f.severity)}</td>
        <td>{tEnum('RiskFlagStatus', f.status)}</td>
        <td>
          {f.meetings.map((m) => (
            <span key={m.id} className="meeting">
              {dateTime(m.meetingAt)} ({tEnum('PreventiveMeetingStatus', m.status)})
            </span>
          ))}
        </td>
        <td>{f.consent ? (f.consent.inForce ? t('flag.consentInForce') : t('flag.consentNotInForce')) : t('common.none')}</td>
        <td>
          {f.status === 'OPEN' && (
            <button type="button" aria-expanded={booking} aria-label={t('flag.bookMeetingFor', { name })} onClick={() => setBooking(!booking)}>
              {t('flag.bookMeeting')}
            </button>
          )}
          {booked && (
            <button type="button" aria-label={t('flag.meetingHeldFor', { name })} onClick={() => void updateMeeting({ input: { meetingId: booked.id, status: 'HELD' } }).then((r) => !r.error && onChanged(t('flag.meetingHeldDone', { name })))}>
              {t('flag.meetingHeld')}
            </button>
          )}{' '}
          {f.status === 'MEETING_BOOKED' && (
            <button type="button" aria-label={t('flag.planAgreedFor', { name })} onClick={() => step('PLAN_AGREED', 'flag.planAgreedDone')}>
              {t('flag.planAgreed')}
            </button>
          )}
          {f.status === 'PLAN_AGREED' && (
            <button type="button" aria-label={t('flag.resolveFor', { name })} onClick={() => step('RESOLVED', 'flag.resolvedDone')}>
              {t('flag.resolve')}
            </button>
          )}
          <ErrorMessage error={changed.error ?? held.error} />
        </td>
      </tr>
      {booking && (
        <tr>
          <td colSpan={7}>
            <MeetingForm riskFlagId={f.id} name={name} onDone={() => { setBooking(false); onChanged(t('flag.meetingBooked', { name })); }} />
          </td>
        </tr>
      )}
    </>
  );
}

function MeetingForm({ riskFlagId, name, onDone }: { riskFlagId: string; name: string; onDone: () => void }) {
  const { t } = useT();
  const [at, setAt] = useState(`${stockholmToday()}T10:00`);
  const [participants, setParticipants] = useState(t('flag.defaultParticipants'));
  const [result, book] = useMutation(BookPreventiveMeetingMutation);
  return (
    <form
      aria-label={t('flag.meetingFormFor', { name })}
      onSubmit={(e) => {
        e.preventDefault();
        const list = participants.split(',').map((p) => p.trim()).filter(Boolean);
        // datetime-local is the browser's local time; Date turns it into an instant.
        void book({ input: { riskFlagId, meetingAt: new Date(at).toISOString(), participants: list } }).then((r) => !r.error && onDone());
      }}
    >
      <label>
        {t('flag.meetingAt')}
        <input type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
      </label>
      <label>
        {t('flag.participants')}
        <input type="text" required value={participants} onChange={(e) => setParticipants(e.target.value)} />
      </label>
      <button type="submit" disabled={result.fetching}>
        {t('flag.saveMeeting')}
      </button>
      <ErrorMessage error={result.error} />
    </form>
  );
}

function FlagForm({ youngPersonId, name, onDone }: { youngPersonId: string; name: string; onDone: () => void }) {
  const { t, tEnum } = useT();
  const [indicators, setIndicators] = useState<RiskIndicator[]>(['HIGH_ABSENCE']);
  const [severity, setSeverity] = useState<RiskSeverity>('MEDIUM');
  const [absence, setAbsence] = useState('');
  const [withConsent, setWithConsent] = useState(true);
  const [givenBy, setGivenBy] = useState<ConsentGiver[]>(['YOUNG_PERSON']);
  const [result, raise] = useMutation(RaiseRiskFlagMutation);
  return (
    <form
      aria-label={t('flag.formFor', { name })}
      onSubmit={(e) => {
        e.preventDefault();
        void raise({
          input: { youngPersonId, indicators, severity, absencePercentage: absence === '' ? null : Number(absence), consent: withConsent ? { givenBy, method: 'WRITTEN', givenOn: stockholmToday() } : null },
        }).then((r) => !r.error && onDone());
      }}
    >
      <fieldset>
        <legend>{t('flag.indicators')}</legend>
        {INDICATORS.map((i) => (
          <label key={i}>
            <input type="checkbox" checked={indicators.includes(i)} onChange={(e) => setIndicators(e.target.checked ? [...indicators, i] : indicators.filter((x) => x !== i))} /> {tEnum('RiskIndicator', i)}
          </label>
        ))}
      </fieldset>
      {indicators.includes('HIGH_ABSENCE') && (
        <label>
          {t('flag.absence')}
          <input type="number" min={0} max={100} step="0.1" required value={absence} onChange={(e) => setAbsence(e.target.value)} />
        </label>
      )}
      <label>
        {t('flag.severity')}
        <select value={severity} onChange={(e) => setSeverity(e.target.value as RiskSeverity)}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {tEnum('RiskSeverity', s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={withConsent} onChange={(e) => setWithConsent(e.target.checked)} /> {t('flag.withConsent')}
      </label>
      {withConsent && (
        <fieldset>
          <legend>{t('consent.givenBy')}</legend>
          {GIVERS.map((g) => (
            <label key={g}>
              <input type="checkbox" checked={givenBy.includes(g)} onChange={(e) => setGivenBy(e.target.checked ? [...givenBy, g] : givenBy.filter((x) => x !== g))} /> {tEnum('ConsentGiver', g)}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={result.fetching}>
        {t('flag.save')}
      </button>
      <ErrorMessage error={result.error} />
    </form>
  );
}

function NoticeForm({ youngPersonId, name, onDone }: { youngPersonId: string; name: string; onDone: () => void }) {
  const { t, tEnum } = useT();
  const [kind, setKind] = useState<SchoolNoticeKind>('SIGNIFICANT_ABSENCE');
  const [reason, setReason] = useState<SchoolNoticeReason>('STUDY_MOTIVATION');
  const [lastAttendanceDate, setLast] = useState(stockholmToday());
  const [result, send] = useMutation(SendSchoolNoticeMutation);
  return (
    <form
      aria-label={t('notice.formFor', { name })}
      onSubmit={(e) => {
        e.preventDefault();
        void send({ input: { youngPersonId, kind, reasonCategory: reason, lastAttendanceDate, leftWithPlan: false } }).then((r) => !r.error && onDone());
      }}
    >
      <label>
        {t('notice.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as SchoolNoticeKind)}>
          {NOTICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {tEnum('SchoolNoticeKind', k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('notice.reason')}
        <select value={reason} onChange={(e) => setReason(e.target.value as SchoolNoticeReason)}>
          {NOTICE_REASONS.map((r) => (
            <option key={r} value={r}>
              {tEnum('SchoolNoticeReason', r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('notice.lastAttendance')}
        <input type="date" value={lastAttendanceDate} required onChange={(e) => setLast(e.target.value)} />
      </label>
      <button type="submit" disabled={result.fetching}>
        {t('notice.save')}
      </button>
      <ErrorMessage error={result.error} />
    </form>
  );
}
