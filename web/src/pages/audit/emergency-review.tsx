import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { ErrorMessage } from '../common';

const EmergencyReviewQuery = graphql(`
  query EmergencyReviewList($reviewed: Boolean!) {
    auditOverview {
      emergencyAccessesActive
      emergencyAccessesAwaitingReview
      unusualAccessesLast30Days
    }
    emergencyAccessReviewList(first: 50, reviewed: $reviewed) {
      totalCount
      edges {
        node {
          id
          openedAt
          expiresAt
          endedAt
          active
          reason
          userId
          organisationId
          youngPersonId
          reviewedAt
          reviewNote
        }
      }
    }
  }
`);

const MarkReviewedMutation = graphql(`
  mutation MarkEmergencyAccessReviewed($id: ID!, $note: String) {
    markEmergencyAccessReviewed(id: $id, input: { note: $note }) {
      id
      reviewedAt
      reviewNote
    }
  }
`);

/** AUDITOR: emergency openings ("break the glass") to review, each with the opener's written reason. */
export function EmergencyReviewPage() {
  const { t, dateTime, number } = useT();
  const [reviewed, setReviewed] = useState(false);
  const [{ data, error }, refetch] = useQuery({ query: EmergencyReviewQuery, variables: { reviewed }, requestPolicy: 'cache-and-network' });
  const [marked, mark] = useMutation(MarkReviewedMutation);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const rows = data?.emergencyAccessReviewList.edges.map((e) => e.node) ?? [];
  const o = data?.auditOverview;
  return (
    <>
      <h1>{t('audit.emergencyTitle')}</h1>
      {o && (
        <dl data-testid="audit-overview">
          <dt>{t('audit.awaitingReview')}</dt>
          <dd>{number(o.emergencyAccessesAwaitingReview)}</dd>
          <dt>{t('audit.activeNow')}</dt>
          <dd>{number(o.emergencyAccessesActive)}</dd>
          <dt>{t('audit.unusual30')}</dt>
          <dd>{number(o.unusualAccessesLast30Days)}</dd>
        </dl>
      )}
      <label>
        <input type="checkbox" checked={reviewed} onChange={(e) => setReviewed(e.target.checked)} /> {t('audit.showReviewed')}
      </label>
      <ErrorMessage error={error ?? marked.error} />
      <p role="status" className="status">
        {done}
      </p>
      {data && rows.length === 0 && <p>{t('common.none')}</p>}
      <ul className="cards">
        {rows.map((r) => (
          <li key={r.id} data-testid="emergency-access">
            <h2 className="card-title">{t('audit.openedAt', { when: dateTime(r.openedAt) })}</h2>
            <dl>
              <dt>{t('audit.reason')}</dt>
              <dd>{r.reason}</dd>
              <dt>{t('audit.ends')}</dt>
              <dd>{r.active ? t('audit.activeUntil', { when: dateTime(r.expiresAt) }) : dateTime(r.endedAt ?? r.expiresAt)}</dd>
              <dt>{t('audit.user')}</dt>
              <dd>
                <code>{r.userId}</code>
              </dd>
              <dt>{t('audit.youngPersonId')}</dt>
              <dd>
                <code>{r.youngPersonId}</code>
              </dd>
              {r.reviewedAt && (
                <>
                  <dt>{t('audit.reviewedAt')}</dt>
                  <dd>
                    {dateTime(r.reviewedAt)}
                    {r.reviewNote ? ` · ${r.reviewNote}` : ''}
                  </dd>
                </>
              )}
            </dl>
            {!r.reviewedAt && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void mark({ id: r.id, note: notes[r.id] || null }).then((res) => {
                    if (res.error) return;
                    setDone(t('audit.markedReviewed'));
                    refetch({ requestPolicy: 'network-only' });
                  });
                }}
              >
                <label>
                  {t('audit.reviewNote')}
                  <input value={notes[r.id] ?? ''} onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })} />
                </label>
                <button type="submit">{t('audit.markReviewed')}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
