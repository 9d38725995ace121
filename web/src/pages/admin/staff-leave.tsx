import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useT, type MessageId } from '../../i18n';
import { errorCode } from '../../session';
import { ErrorMessage } from '../common';

const StaffQuery = graphql(`
  query AdminStaff {
    users(first: 100) {
      edges {
        node {
          id
          displayName
          email
          active
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

const PreviewQuery = graphql(`
  query AdminStaffWorkPreview($fromUserId: ID!, $toUserId: ID) {
    staffWorkPreview(fromUserId: $fromUserId, toUserId: $toUserId) {
      fromUserId
      toUserId
      cases
      tasks
      referrals
      riskFlags
      kaaPeriods
    }
  }
`);

const ReassignMutation = graphql(`
  mutation AdminReassignStaffWork($input: ReassignStaffWorkInput!) {
    reassignStaffWork(input: $input) {
      cases
      tasks
      referrals
      riskFlags
      kaaPeriods
    }
  }
`);

type Kind = 'cases' | 'tasks' | 'referrals' | 'riskFlags' | 'kaaPeriods';
// The roles reassignStaffWork asks of the receiver for these kinds (README, Staff leave).
const NEEDS: Partial<Record<Kind, MessageId>> = { kaaPeriods: 'admin.receiverNeedsCoordinator', riskFlags: 'admin.receiverNeedsCounsellor' };
const KINDS: { kind: Kind; label: MessageId }[] = [
  { kind: 'cases', label: 'admin.workCases' },
  { kind: 'tasks', label: 'admin.workTasks' },
  { kind: 'referrals', label: 'admin.workReferrals' },
  { kind: 'riskFlags', label: 'admin.workRiskFlags' },
  { kind: 'kaaPeriods', label: 'admin.workKaaPeriods' },
];

/**
 * MUNICIPALITY_ADMIN: staff leave — pick who goes on leave and a colleague of the same
 * organisation; the preview shows what would move (counts only, the receiver checked as the
 * move checks it) before the admin confirms the move.
 */
export function AdminStaffLeavePage() {
  const { t, number } = useT();
  const [fromUserId, setFrom] = useState('');
  const [toUserId, setTo] = useState('');
  const [{ data: staff, error: staffError }] = useQuery({ query: StaffQuery, requestPolicy: 'cache-and-network' });
  const [{ data, error, fetching }, refetch] = useQuery({
    query: PreviewQuery,
    variables: { fromUserId, toUserId: toUserId || null },
    pause: !fromUserId,
    requestPolicy: 'network-only',
  });
  const [moved, move] = useMutation(ReassignMutation);
  // Someone who has stopped may be disabled already; the receiver must be active.
  const users = staff?.users.edges.map((e) => e.node) ?? [];
  const from = users.find((u) => u.id === fromUserId);
  const colleagues = users.filter((u) => from && u.active && u.id !== from.id && u.organisation.id === from.organisation.id);
  const preview = fromUserId && !fetching && !error ? data?.staffWorkPreview : undefined;
  const total = preview ? KINDS.reduce((n, k) => n + preview[k.kind], 0) : 0;
  const result = moved.data?.reassignStaffWork;

  const onMove = async () => {
    const res = await move({ input: { fromUserId, toUserId } });
    if (!res.error) refetch({ requestPolicy: 'network-only' });
  };

  return (
    <>
      <h1>{t('admin.staffLeaveTitle')}</h1>
      <p>{t('admin.staffLeaveIntro')}</p>
      <ErrorMessage error={staffError} />
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('admin.leaver')}
          <select value={fromUserId} onChange={(e) => (setFrom(e.target.value), setTo(''))}>
            <option value="">{t('admin.pick')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.email}) – {u.organisation.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.receiver')}
          <select value={toUserId} disabled={!from} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('admin.noReceiverYet')}</option>
            {colleagues.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.email})
              </option>
            ))}
          </select>
        </label>
      </form>
      {error && errorCode(error) === 'BAD_USER_INPUT' ? <Refusal details={error.graphQLErrors[0]?.extensions?.details} /> : <ErrorMessage error={error} />}
      {preview && (
        <section aria-labelledby="preview">
          <h2 id="preview">{t('admin.previewTitle')}</h2>
          <table data-testid="staff-preview">
            <caption>{t('admin.previewCaption', { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.workKind')}</th>
                <th scope="col" className="num">
                  {t('admin.workCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {KINDS.map((k) => (
                <tr key={k.kind}>
                  <th scope="row">{t(k.label)}</th>
                  <td className="num">{number(preview[k.kind])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {toUserId ? (
            <button type="button" disabled={total === 0 || moved.fetching} onClick={() => void onMove()}>
              {t('admin.confirmMove', { count: total })}
            </button>
          ) : (
            <p className="muted">{t('admin.pickReceiver')}</p>
          )}
        </section>
      )}
      <ErrorMessage error={moved.error} />
      <p role="status" className="status" data-testid="staff-moved">
        {result ? t('admin.moved', { cases: result.cases, tasks: result.tasks, referrals: result.referrals, riskFlags: result.riskFlags, kaaPeriods: result.kaaPeriods }) : ''}
      </p>
    </>
  );
}

/** Why the preview refuses the chosen colleague, in words (the move would refuse the same way). */
function Refusal({ details }: { details: unknown }) {
  const { t } = useT();
  const kind = (details as { kind?: Kind } | undefined)?.kind;
  const need = kind && NEEDS[kind];
  return (
    <p role="alert" className="error" data-testid="receiver-refused">
      {t(need ?? 'admin.receiverRefused')}
    </p>
  );
}
