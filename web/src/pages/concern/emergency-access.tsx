import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { ErrorMessage } from '../common';

const SignInPermissionsQuery = graphql(`
  query SignInPermissions {
    mySignIn {
      permissions
      withheld
    }
  }
`);

const MyEmergencyAccessesQuery = graphql(`
  query MyEmergencyAccesses {
    myEmergencyAccesses(first: 25) {
      edges {
        node {
          id
          youngPersonId
          active
          secondsLeft
          expiresAt
          reason
        }
      }
    }
  }
`);

const OpenEmergencyAccessMutation = graphql(`
  mutation OpenEmergencyAccess($input: OpenEmergencyAccessInput!) {
    openEmergencyAccess(input: $input) {
      id
      youngPersonId
      active
      secondsLeft
      expiresAt
      reason
    }
  }
`);

const EndEmergencyAccessMutation = graphql(`
  mutation EndEmergencyAccess($id: ID!) {
    endEmergencyAccess(id: $id) {
      id
      active
      secondsLeft
      expiresAt
      endedAt
    }
  }
`);

/** The API's minimum (OpenEmergencyAccessInput.reason); checked here first so an empty reason never leaves the page. */
const MIN_REASON = 20;

/** Whether this session may break the glass, and whether a stronger sign-in would allow it. */
export function useEmergencyPermission(pause: boolean): { allowed: boolean; withheld: boolean } {
  const [{ data }] = useQuery({ query: SignInPermissionsQuery, pause });
  return {
    allowed: data?.mySignIn.permissions.includes('EMERGENCY_ACCESS') ?? false,
    withheld: data?.mySignIn.withheld.includes('EMERGENCY_ACCESS') ?? false,
  };
}

/** The caller's opening of this young person that is in force now, if any. */
export function useActiveEmergencyAccess(youngPersonId: string, pause: boolean) {
  const [{ data }, refetch] = useQuery({ query: MyEmergencyAccessesQuery, pause, requestPolicy: 'cache-and-network' });
  const open = data?.myEmergencyAccesses.edges.map((e) => e.node).find((a) => a.active && a.youngPersonId === youngPersonId);
  return { open, reload: () => refetch({ requestPolicy: 'network-only' }) };
}

/** Break the glass: a written reason is required; the opening lasts four hours and is reviewed by the auditors. */
export function BreakTheGlass({ youngPersonId, onOpened }: { youngPersonId: string; onOpened: () => void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [result, open] = useMutation(OpenEmergencyAccessMutation);
  return (
    <section aria-labelledby="break-glass" className="notice">
      <h2 id="break-glass">{t('emergency.title')}</h2>
      <p>{t('emergency.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < MIN_REASON) return setTooShort(true);
          setTooShort(false);
          void open({ input: { youngPersonId, reason: reason.trim() } }).then((r) => !r.error && onOpened());
        }}
      >
        <label className="wide">
          {t('emergency.reason')}
          <textarea
            value={reason}
            rows={3}
            required
            aria-invalid={tooShort}
            aria-describedby="emergency-reason-hint"
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <p id="emergency-reason-hint" className={tooShort ? 'error' : 'muted'} role={tooShort ? 'alert' : undefined}>
          {t(tooShort ? 'emergency.reasonTooShort' : 'emergency.reasonHint', { min: MIN_REASON })}
        </p>
        <button type="submit" disabled={result.fetching}>
          {t('emergency.open')}
        </button>
        <ErrorMessage error={result.error} />
      </form>
    </section>
  );
}

/** h:mm:ss */
function clock(seconds: number): string {
  const s = Math.max(0, seconds);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${mm}:${ss}`;
}

/**
 * The opening in force, counting down from the portal's own secondsLeft (the browser's clock
 * may differ from the portal's), with a button to end it now.
 */
export function EmergencyCountdown({ access, onEnded }: { access: { id: string; secondsLeft: number; expiresAt: string; reason: string }; onEnded: () => void }) {
  const { t, dateTime } = useT();
  const [left, setLeft] = useState(access.secondsLeft);
  const [result, end] = useMutation(EndEmergencyAccessMutation);
  useEffect(() => {
    const started = Date.now();
    setLeft(access.secondsLeft);
    const tick = setInterval(() => setLeft(access.secondsLeft - Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(tick);
  }, [access.id, access.secondsLeft]);
  // Once, when the time is up: the record closes on the portal's side too.
  const over = left <= 0;
  useEffect(() => {
    if (over) onEnded();
  }, [over]);
  return (
    <section aria-labelledby="emergency-open" className="notice" data-testid="emergency-countdown">
      <h2 id="emergency-open">{t('emergency.openTitle')}</h2>
      <p>
        {t('emergency.endsIn')}{' '}
        <strong role="timer" data-testid="emergency-time-left">
          {clock(left)}
        </strong>{' '}
        ({t('emergency.endsAt', { when: dateTime(access.expiresAt) })})
      </p>
      <p>
        {t('emergency.yourReason')}: {access.reason}
      </p>
      <button type="button" disabled={result.fetching} onClick={() => void end({ id: access.id }).then((r) => !r.error && onEnded())}>
        {t('emergency.endNow')}
      </button>
      <ErrorMessage error={result.error} />
    </section>
  );
}
