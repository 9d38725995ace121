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

const UnusualAccessesQuery = graphql(`
  query UnusualAccesses {
    unusualAccesses(first: 25) {
      totalCount
      edges {
        node {
          logId
          occurredAt
          action
          legalBasis
          reason
          subjectType
          actorUserId
          actorOrganisationId
          actorOrganisationKind
          youngPersonId
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
      <UnusualAccesses />
    </>
  );
}

/** Reads of young people by organisations with no relation to them, newest first (ids, as the log holds them). */
function UnusualAccesses() {
  const { t, tEnum, dateTime } = useT();
  const [{ data, error }] = useQuery({ query: UnusualAccessesQuery, requestPolicy: 'cache-and-network' });
  const rows = data?.unusualAccesses.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="unusual">
      <h2 id="unusual">{t('audit.unusualTitle')}</h2>
      <ErrorMessage error={error} />
      <table data-testid="unusual-accesses">
        <caption>{t('audit.unusualCaption', { count: data?.unusualAccesses.totalCount ?? 0 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.legalBasis')}</th>
            <th scope="col">{t('audit.unusualReason')}</th>
            <th scope="col">{t('audit.organisation')}</th>
            <th scope="col">{t('audit.user')}</th>
            <th scope="col">{t('audit.youngPersonId')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.logId + r.youngPersonId} data-testid="unusual-access">
              <td>{dateTime(r.occurredAt)}</td>
              <td>{tEnum('AccessAction', r.action)}</td>
              <td>{tEnum('LegalBasis', r.legalBasis)}</td>
              <td>{t(r.reason === 'NO_RELATION_OTHER_MUNICIPALITY' ? 'audit.noRelationOther' : r.reason === 'NO_RELATION_PERSON_REMOVED' ? 'audit.noRelationRemoved' : 'audit.noRelation')}</td>
              <td>
                {tEnum('OrganisationKind', r.actorOrganisationKind)} <code className="id">{r.actorOrganisationId}</code>
              </td>
              <td>{r.actorUserId ? <code className="id">{r.actorUserId}</code> : '–'}</td>
              <td>
                <code className="id">{r.youngPersonId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
