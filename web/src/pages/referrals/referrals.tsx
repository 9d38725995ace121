import { Fragment, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ReceivedReferralsQuery, ReferralDeclineReason, ReferralOutcome, ReferralState } from '../../gql/graphql';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { ErrorMessage } from '../common';

// Two queries, a page each: the API caps an operation's cost, and the labour office receives hundreds.
const ReceivedQuery = graphql(`
  query ReceivedReferrals($state: ReferralState, $overdue: Boolean, $after: String) {
    referrals(direction: RECEIVED, state: $state, overdue: $overdue, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          caseId
          purpose
          activity
          state
          overdue
          responseDueDate
          createdAt
          declineReason
          outcomeCode
          receiverNote
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

// The sender's view asks for no receiverNote: the receiver's own note is never the sender's.
const SentQuery = graphql(`
  query SentReferrals($state: ReferralState, $overdue: Boolean, $after: String) {
    referrals(direction: SENT, state: $state, overdue: $overdue, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          caseId
          purpose
          activity
          state
          overdue
          responseDueDate
          createdAt
          declineReason
          outcomeCode
          sharedCategories
          receiverOrganisation {
            id
            name
          }
        }
      }
    }
  }
`);

const AcceptMutation = graphql(`
  mutation AcceptReferral($id: ID!) {
    acceptReferral(id: $id) {
      id
      state
      overdue
    }
  }
`);

const DeclineMutation = graphql(`
  mutation DeclineReferral($id: ID!, $input: DeclineReferralInput!) {
    declineReferral(id: $id, input: $input) {
      id
      state
      overdue
      declineReason
    }
  }
`);

const CompleteMutation = graphql(`
  mutation CompleteReferral($id: ID!, $input: CompleteReferralInput!) {
    completeReferral(id: $id, input: $input) {
      id
      state
      outcomeCode
    }
  }
`);

const CancelMutation = graphql(`
  mutation CancelReferral($id: ID!) {
    cancelReferral(id: $id) {
      id
      state
      overdue
    }
  }
`);

const DECLINE_REASONS: ReferralDeclineReason[] = ['NOT_ELIGIBLE', 'NO_CAPACITY', 'WRONG_RECEIVER', 'YOUNG_PERSON_DECLINED', 'OTHER'];
const OUTCOMES: ReferralOutcome[] = ['STARTED_WORK', 'STARTED_STUDIES', 'STARTED_PROGRAMME', 'JOINED_ACTIVITY', 'SUPPORT_GIVEN', 'DID_NOT_ATTEND', 'OTHER'];

type Received = ReceivedReferralsQuery['referrals']['edges'][number]['node'];

/** Case workers: referrals received (answer them) and sent (follow state and outcome); overdue ones stand out on both sides. */
export function ReferralsPage() {
  const { t } = useT();
  const [status, setStatus] = useState('');
  const [changed, setChanged] = useState(0);
  return (
    <>
      <h1>{t('referrals.title')}</h1>
      <p role="status" className="status">
        {status}
      </p>
      <Received
        onDone={(message) => {
          setStatus(message);
          setChanged((n) => n + 1);
        }}
      />
      <Sent
        key={changed}
        onCancelled={() => setStatus(t('referrals.cancelledMessage'))}
      />
    </>
  );
}

const STATES: ReferralState[] = ['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CANCELLED'];

/** A state filter, "overdue only" and paging by cursor, for one list. */
function useListFilter(id: string) {
  const { t, tEnum } = useT();
  const [state, setState] = useState<ReferralState | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [after, setAfter] = useState<string[]>([]);
  const variables = { state: state || null, overdue: overdue || null, after: after[after.length - 1] ?? null };
  const controls = (
    <div className="filters">
      <label>
        {t('referrals.state')}{' '}
        <select
          value={state}
          onChange={(e) => {
            setState(e.target.value as ReferralState | '');
            setAfter([]);
          }}
        >
          <option value="">{t('referrals.allStates')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {tEnum('ReferralState', s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          id={`${id}-overdue`}
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.target.checked);
            setAfter([]);
          }}
        />{' '}
        {t('referrals.overdueOnly')}
      </label>
    </div>
  );
  const pager = (pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined) => (
    <p className="pager">
      {after.length > 0 && (
        <button type="button" onClick={() => setAfter(after.slice(0, -1))}>
          {t('referrals.previousPage')}
        </button>
      )}{' '}
      {pageInfo?.hasNextPage && pageInfo.endCursor && (
        <button type="button" onClick={() => setAfter([...after, pageInfo.endCursor!])}>
          {t('referrals.nextPage')}
        </button>
      )}
    </p>
  );
  return { variables, controls, pager };
}

function Received({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useT();
  const { variables, controls, pager } = useListFilter('inbox');
  const [{ data, error }, refetch] = useQuery({ query: ReceivedQuery, variables, requestPolicy: 'cache-and-network' });
  const rows = data?.referrals.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="inbox">
      <h2 id="inbox">{t('referrals.inbox', { count: data?.referrals.totalCount ?? 0 })}</h2>
      {controls}
      <ErrorMessage error={error} />
      {data && rows.length === 0 && <p>{t('common.none')}</p>}
      <ul className="cards" data-testid="referral-inbox">
        {rows.map((r) => (
          <ReceivedCard
            key={r.id}
            r={r}
            onDone={(message) => {
              onDone(message);
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        ))}
      </ul>
      {pager(data?.referrals.pageInfo)}
    </section>
  );
}

function Sent({ onCancelled }: { onCancelled: () => void }) {
  const { t, tEnum, date } = useT();
  const { variables, controls, pager } = useListFilter('sent');
  const [{ data, error }, refetch] = useQuery({ query: SentQuery, variables, requestPolicy: 'cache-and-network' });
  const [cancelled, cancel] = useMutation(CancelMutation);
  const rows = data?.referrals.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="sent">
      <h2 id="sent">{t('referrals.sent', { count: data?.referrals.totalCount ?? 0 })}</h2>
      {controls}
      <ErrorMessage error={error ?? cancelled.error} />
      {data && rows.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <table data-testid="referrals-sent">
          <thead>
            <tr>
              <th scope="col">{t('referrals.purpose')}</th>
              <th scope="col">{t('referrals.receiver')}</th>
              <th scope="col">{t('referrals.shared')}</th>
              <th scope="col">{t('referrals.state')}</th>
              <th scope="col">{t('referrals.answerBy')}</th>
              <th scope="col">{t('referrals.outcome')}</th>
              <th scope="col">{t('referrals.case')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="sent-referral" className={r.overdue ? 'overdue' : undefined}>
                <td>
                  {tEnum('ReferralPurpose', r.purpose)}
                  {r.activity ? ` · ${r.activity}` : ''}
                </td>
                <td>{r.receiverOrganisation?.name ?? '–'}</td>
                <td>{r.sharedCategories.map((c) => tEnum('InformationCategory', c)).join(', ')}</td>
                <td>
                  {tEnum('ReferralState', r.state)}
                  {r.overdue && <strong className="overdue-tag"> · {t('referrals.overdue')}</strong>}
                </td>
                <td>{date(r.responseDueDate)}</td>
                <td>{r.outcomeCode ? tEnum('ReferralOutcome', r.outcomeCode) : r.declineReason ? tEnum('ReferralDeclineReason', r.declineReason) : '–'}</td>
                <td>
                  <Link to={`/cases/${r.caseId}`}>{t('referrals.openCase')}</Link>{' '}
                  {r.state === 'SENT' && (
                    <button
                      type="button"
                      aria-label={t('referrals.cancelNamed', { purpose: tEnum('ReferralPurpose', r.purpose), receiver: r.receiverOrganisation?.name ?? '' })}
                      onClick={() =>
                        void cancel({ id: r.id }).then((res) => {
                          if (res.error) return;
                          onCancelled();
                          refetch({ requestPolicy: 'network-only' });
                        })
                      }
                    >
                      {t('referrals.cancel')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pager(data?.referrals.pageInfo)}
    </section>
  );
}

function ReceivedCard({ r, onDone }: { r: Received; onDone: (message: string) => void }) {
  const { t, tEnum, date } = useT();
  const [accepted, accept] = useMutation(AcceptMutation);
  const [declined, decline] = useMutation(DeclineMutation);
  const [completed, complete] = useMutation(CompleteMutation);
  const [reason, setReason] = useState<ReferralDeclineReason | ''>('');
  const [outcome, setOutcome] = useState<ReferralOutcome | ''>('');
  const [note, setNote] = useState('');
  const name = [r.youngPerson.givenName, r.youngPerson.familyName].filter(Boolean).join(' ') || t('referrals.nameHidden');
  const heading = `${tEnum('ReferralPurpose', r.purpose)} · ${name}`;
  return (
    <li data-testid="received-referral" className={r.overdue ? 'overdue' : undefined}>
      <h3>
        {heading}
        {r.overdue && <strong className="overdue-tag"> · {t('referrals.overdue')}</strong>}
      </h3>
      <dl>
        <dt>{t('referrals.from')}</dt>
        <dd>{r.senderOrganisation?.name ?? '–'}</dd>
        <dt>{t('referrals.state')}</dt>
        <dd data-testid="referral-state">{tEnum('ReferralState', r.state)}</dd>
        <dt>{t('referrals.answerBy')}</dt>
        <dd>{date(r.responseDueDate)}</dd>
        {r.activity && (
          <>
            <dt>{t('referrals.activity')}</dt>
            <dd>{r.activity}</dd>
          </>
        )}
        {(r.youngPerson.phone || r.youngPerson.email) && (
          <>
            <dt>{t('referrals.contact')}</dt>
            <dd>{[r.youngPerson.phone, r.youngPerson.email].filter(Boolean).join(' · ')}</dd>
          </>
        )}
        {r.sections.map((s) => (
          <Fragment key={s.category}>
            <dt>{tEnum('InformationCategory', s.category)}</dt>
            <dd>{s.body}</dd>
          </Fragment>
        ))}
        {(r.outcomeCode || r.declineReason) && (
          <>
            <dt>{t('referrals.outcome')}</dt>
            <dd>{r.outcomeCode ? tEnum('ReferralOutcome', r.outcomeCode) : tEnum('ReferralDeclineReason', r.declineReason)}</dd>
          </>
        )}
        {r.receiverNote && (
          <>
            <dt>{t('referrals.ownNote')}</dt>
            <dd>{r.receiverNote}</dd>
          </>
        )}
      </dl>
      <ErrorMessage error={accepted.error ?? declined.error ?? completed.error} />
      {r.state === 'SENT' && (
        <div className="actions">
          <button type="button" onClick={() => void accept({ id: r.id }).then((res) => !res.error && onDone(t('referrals.acceptedMessage')))}>
            {t('referrals.accept')}
          </button>
          <form
            aria-label={t('referrals.declineForm')}
            onSubmit={(e) => {
              e.preventDefault();
              if (!reason) return;
              void decline({ id: r.id, input: { reason, note: note || null } }).then((res) => !res.error && onDone(t('referrals.declinedMessage')));
            }}
          >
            <label>
              {t('referrals.declineReason')}
              <select required value={reason} onChange={(e) => setReason(e.target.value as ReferralDeclineReason)}>
                <option value="">{t('referrals.chooseReason')}</option>
                {DECLINE_REASONS.map((d) => (
                  <option key={d} value={d}>
                    {tEnum('ReferralDeclineReason', d)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('referrals.ownNoteOptional')}
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button type="submit">{t('referrals.decline')}</button>
          </form>
        </div>
      )}
      {r.state === 'ACCEPTED' && (
        <form
          aria-label={t('referrals.completeForm')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!outcome) return;
            void complete({ id: r.id, input: { outcomeCode: outcome, note: note || null } }).then((res) => !res.error && onDone(t('referrals.completedMessage')));
          }}
        >
          <label>
            {t('referrals.outcomeCode')}
            <select required value={outcome} onChange={(e) => setOutcome(e.target.value as ReferralOutcome)}>
              <option value="">{t('referrals.chooseOutcome')}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {tEnum('ReferralOutcome', o)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('referrals.ownNoteOptional')}
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit">{t('referrals.complete')}</button>
        </form>
      )}
    </li>
  );
}
