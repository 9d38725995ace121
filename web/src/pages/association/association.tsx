import { Fragment, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import type { Me } from '../../session';
import { ErrorMessage, Section } from '../common';

const ReceivedReferralsQuery = graphql(`
  query AssociationReferrals {
    referrals(direction: RECEIVED, first: 50) {
      totalCount
      edges {
        node {
          id
          purpose
          activity
          state
          overdue
          responseDueDate
          createdAt
          outcomeCode
          senderOrganisation {
            id
            name
          }
          youngPerson {
            id
            givenName
            familyName
            phone
            email
          }
          sections {
            category
            body
          }
        }
      }
    }
  }
`);

const HostedActivitiesQuery = graphql(`
  query HostedActivities($host: ID!) {
    activities(hostOrganisationId: $host, first: 100) {
      totalCount
      edges {
        node {
          id
          kind
          title
          place
          startsAt
          cancelled
          attendance {
            total
            age15to17
            age18to20
            age21to25
            firstTimers
          }
        }
      }
    }
  }
`);

const ReportAttendanceMutation = graphql(`
  mutation ReportAttendance($activityId: ID!, $input: AttendanceInput!) {
    reportAttendance(activityId: $activityId, input: $input) {
      total
      age15to17
      age18to20
      age21to25
      firstTimers
      reportedAt
    }
  }
`);

const MembershipReportsQuery = graphql(`
  query MembershipReports {
    membershipReports {
      id
      periodStart
      periodEnd
      membersBefore
      membersAfter
      growth
    }
  }
`);

const ReportMembershipMutation = graphql(`
  mutation ReportMembership($input: MembershipReportInput!) {
    reportMembership(input: $input) {
      id
      periodStart
      periodEnd
      membersBefore
      membersAfter
      growth
    }
  }
`);

/** ASSOCIATION_LEADER: referrals received, the activities the association hosts, and membership follow-up. */
export function AssociationPage({ me }: { me: Me }) {
  const { t } = useT();
  return (
    <>
      <h1>{t('association.title', { name: me.organisation.name })}</h1>
      <ReceivedReferrals />
      <HostedActivities host={me.organisation.id} />
      <Membership />
    </>
  );
}

/** Only what the consent names: the API answers the sections (and name, contact) the consent covers, nothing else. */
function ReceivedReferrals() {
  const { t, tEnum, date } = useT();
  const [{ data, error }] = useQuery({ query: ReceivedReferralsQuery, requestPolicy: 'cache-and-network' });
  const rows = data?.referrals.edges.map((e) => e.node) ?? [];
  return (
    <Section title={t('association.referrals')} id="referrals">
      <p className="muted">{t('association.referralsIntro')}</p>
      <ErrorMessage error={error} />
      {data && rows.length === 0 && <p>{t('common.none')}</p>}
      <ul className="cards">
        {rows.map((r) => {
          const name = `${r.youngPerson.givenName ?? ''} ${r.youngPerson.familyName ?? ''}`.trim();
          return (
            <li key={r.id} data-testid="association-referral">
              <h3 className="card-title">
                {tEnum('ReferralPurpose', r.purpose)}
                {r.activity ? `: ${r.activity}` : ''}
              </h3>
              <dl>
                <dt>{t('association.state')}</dt>
                <dd>
                  {tEnum('ReferralState', r.state)}
                  {r.outcomeCode ? ` · ${tEnum('ReferralOutcome', r.outcomeCode)}` : ''}
                  {r.overdue && <strong className="error"> · {t('association.overdue')}</strong>}
                </dd>
                <dt>{t('association.from')}</dt>
                <dd>{r.senderOrganisation?.name ?? '–'}</dd>
                <dt>{t('association.received')}</dt>
                <dd>{date(r.createdAt)}</dd>
                <dt>{t('association.answerBy')}</dt>
                <dd>{date(r.responseDueDate)}</dd>
                <dt>{t('association.youngPerson')}</dt>
                <dd>{name || t('association.nameNotShared')}</dd>
                {(r.youngPerson.phone || r.youngPerson.email) && (
                  <>
                    <dt>{t('person.contact')}</dt>
                    <dd>{[r.youngPerson.phone, r.youngPerson.email].filter(Boolean).join(' · ')}</dd>
                  </>
                )}
              </dl>
              <h4>{t('association.sections')}</h4>
              {r.sections.length === 0 ? (
                <p>{t('association.noSections')}</p>
              ) : (
                <dl data-testid="referral-sections">
                  {r.sections.map((s) => (
                    <Fragment key={s.category}>
                      <dt>{tEnum('InformationCategory', s.category)}</dt>
                      <dd>{s.body}</dd>
                    </Fragment>
                  ))}
                </dl>
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

const BANDS = ['age15to17', 'age18to20', 'age21to25'] as const;

/** Head counts by age band and first-timers, never names (ActivityAttendance). Newest first. */
function HostedActivities({ host }: { host: string }) {
  const { t, tEnum, dateTime, number } = useT();
  const [{ data, error }, refetch] = useQuery({ query: HostedActivitiesQuery, variables: { host }, requestPolicy: 'cache-and-network' });
  const rows = [...(data?.activities.edges.map((e) => e.node) ?? [])].reverse();
  const held = rows.filter((a) => a.attendance && !a.cancelled);
  const sum = (f: (a: NonNullable<(typeof rows)[number]['attendance']>) => number) => held.reduce((n, a) => n + f(a.attendance!), 0);
  return (
    <Section title={t('association.activities')} id="activities">
      <ErrorMessage error={error} />
      {data && (
        <dl data-testid="activity-totals">
          <dt>{t('association.sessionsHeld')}</dt>
          <dd>{number(held.length)}</dd>
          <dt>{t('association.visits')}</dt>
          <dd>{number(sum((a) => a.total))}</dd>
          <dt>{t('association.firstTimers')}</dt>
          <dd>{number(sum((a) => a.firstTimers))}</dd>
        </dl>
      )}
      <AttendanceForm sessions={rows} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
      <div className="scroll">
        <table data-testid="activities">
          <caption>{t('association.activitiesCaption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('association.when')}</th>
              <th scope="col">{t('association.activity')}</th>
              <th scope="col">{t('association.total')}</th>
              {BANDS.map((b) => (
                <th scope="col" key={b}>
                  {t(`association.${b}`)}
                </th>
              ))}
              <th scope="col">{t('association.firstTimers')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} data-testid="activity-row">
                <td>{dateTime(a.startsAt)}</td>
                <td>
                  {a.title}
                  {tEnum('ActivityKind', a.kind) !== a.title ? ` (${tEnum('ActivityKind', a.kind)})` : ''}
                  {a.place ? `, ${a.place}` : ''}
                  {a.cancelled ? ` · ${t('association.cancelled')}` : ''}
                </td>
                {a.attendance ? (
                  <>
                    <td className="num">{number(a.attendance.total)}</td>
                    {BANDS.map((b) => (
                      <td className="num" key={b}>
                        {number(a.attendance![b])}
                      </td>
                    ))}
                    <td className="num">{number(a.attendance.firstTimers)}</td>
                  </>
                ) : (
                  <td colSpan={5}>{t('association.notReported')}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

type Session = { id: string; title: string; startsAt: string; cancelled: boolean; attendance?: { total: number } | null };
const COUNTS = ['total', 'age15to17', 'age18to20', 'age21to25', 'firstTimers'] as const;
const NO_COUNTS = { total: '', age15to17: '', age18to20: '', age21to25: '', firstTimers: '' };

/**
 * The head count of a session that has begun (the API refuses one that has not), or a
 * correction of one reported. The sums are checked here first, as the API checks them.
 */
function AttendanceForm({ sessions, onSaved }: { sessions: Session[]; onSaved: () => void }) {
  const { t, dateTime } = useT();
  // The browser's clock only narrows the choice; the portal's clock decides.
  const begun = sessions.filter((a) => !a.cancelled && new Date(a.startsAt).getTime() <= Date.now());
  const [picked, setPicked] = useState('');
  const [counts, setCounts] = useState<Record<(typeof COUNTS)[number], string>>(NO_COUNTS);
  const [problem, setProblem] = useState<'association.bandsOverTotal' | 'association.firstTimersOverTotal' | null>(null);
  const [done, setDone] = useState('');
  const [result, report] = useMutation(ReportAttendanceMutation);
  const activityId = picked || begun[0]?.id;
  if (!activityId) return null;
  const n = (k: (typeof COUNTS)[number]) => Number(counts[k] || 0);
  return (
    <form
      data-testid="attendance-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDone('');
        if (n('age15to17') + n('age18to20') + n('age21to25') > n('total')) return setProblem('association.bandsOverTotal');
        if (n('firstTimers') > n('total')) return setProblem('association.firstTimersOverTotal');
        setProblem(null);
        const input = { total: n('total'), age15to17: n('age15to17'), age18to20: n('age18to20'), age21to25: n('age21to25'), firstTimers: n('firstTimers') };
        void report({ activityId, input }).then((r) => {
          if (r.error) return;
          setCounts(NO_COUNTS);
          setDone(t('association.attendanceSaved'));
          onSaved();
        });
      }}
    >
      <h3>{t('association.reportAttendance')}</h3>
      <label>
        {t('association.session')}
        <select value={activityId} onChange={(e) => setPicked(e.target.value)}>
          {begun.map((a) => (
            <option key={a.id} value={a.id}>
              {dateTime(a.startsAt)} · {a.title}
              {a.attendance ? ` · ${t('association.reported', { total: a.attendance.total })}` : ''}
            </option>
          ))}
        </select>
      </label>
      {COUNTS.map((k) => (
        <label key={k}>
          {t(k === 'total' ? 'association.total' : k === 'firstTimers' ? 'association.firstTimers' : `association.${k}`)}
          <input type="number" min={0} required={k === 'total'} value={counts[k]} onChange={(e) => setCounts({ ...counts, [k]: e.target.value })} />
        </label>
      ))}
      <button type="submit" disabled={result.fetching}>
        {t('association.saveAttendance')}
      </button>
      {problem && (
        <p role="alert" className="error">
          {t(problem)}
        </p>
      )}
      <ErrorMessage error={result.error} />
      <p role="status" className="status">
        {done}
      </p>
    </form>
  );
}

/** Members before and after a period, as the association reports them to the municipality. */
function Membership() {
  const { t, date, number } = useT();
  const [{ data, error }, refetch] = useQuery({ query: MembershipReportsQuery, requestPolicy: 'cache-and-network' });
  const [saved, save] = useMutation(ReportMembershipMutation);
  const [form, setForm] = useState({ periodStart: '', periodEnd: '', membersBefore: '', membersAfter: '' });
  const [done, setDone] = useState('');
  const field = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const rows = data?.membershipReports ?? [];
  return (
    <Section title={t('association.membership')} id="membership">
      <ErrorMessage error={error} />
      <table data-testid="membership">
        <caption>{t('association.membershipCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('association.period')}</th>
            <th scope="col">{t('association.membersBefore')}</th>
            <th scope="col">{t('association.membersAfter')}</th>
            <th scope="col">{t('association.growth')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id} data-testid="membership-row">
              <td>
                {date(m.periodStart)} – {date(m.periodEnd)}
              </td>
              <td className="num">{number(m.membersBefore)}</td>
              <td className="num">{number(m.membersAfter)}</td>
              <td className="num">{number(m.growth, { signDisplay: 'exceptZero' })}</td>
            </tr>
          ))}
          {data && rows.length === 0 && (
            <tr>
              <td colSpan={4}>{t('common.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDone('');
          const input = { periodStart: form.periodStart, periodEnd: form.periodEnd, membersBefore: Number(form.membersBefore), membersAfter: Number(form.membersAfter) };
          void save({ input }).then((r) => {
            if (r.error) return;
            setDone(t('association.membershipSaved'));
            setForm({ periodStart: '', periodEnd: '', membersBefore: '', membersAfter: '' });
            refetch({ requestPolicy: 'network-only' });
          });
        }}
      >
        <h3>{t('association.reportMembership')}</h3>
        <label>
          {t('association.periodStart')}
          <input type="date" required value={form.periodStart} onChange={field('periodStart')} />
        </label>
        <label>
          {t('association.periodEnd')}
          <input type="date" required value={form.periodEnd} onChange={field('periodEnd')} />
        </label>
        <label>
          {t('association.membersBefore')}
          <input type="number" min={0} required value={form.membersBefore} onChange={field('membersBefore')} />
        </label>
        <label>
          {t('association.membersAfter')}
          <input type="number" min={0} required value={form.membersAfter} onChange={field('membersAfter')} />
        </label>
        <button type="submit" disabled={saved.fetching}>
          {t('association.save')}
        </button>
        <ErrorMessage error={saved.error} />
        <p role="status" className="status">
          {done}
        </p>
      </form>
    </Section>
  );
}
