import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { ErrorMessage } from './common';

const SignInQuery = graphql(`
  query MySignIn {
    mySignIn {
      secondFactorEnrolled
      recoveryCodesLeft
      assuranceLevel
      withheld
    }
  }
`);

const StartMutation = graphql(`
  mutation StartTotpEnrolment {
    startTotpEnrolment {
      secret
      otpauthUri
    }
  }
`);

const ConfirmMutation = graphql(`
  mutation ConfirmTotpEnrolment($code: String!) {
    confirmTotpEnrolment(input: { code: $code }) {
      codes
    }
  }
`);

/** The second factor: enrol an authenticator app, and see what this session's sign-in allows. */
export function SecurityPage() {
  const { t, tEnum } = useT();
  const [{ data, error }, refetch] = useQuery({ query: SignInQuery, requestPolicy: 'network-only' });
  const [started, start] = useMutation(StartMutation);
  const [confirmed, confirm] = useMutation(ConfirmMutation);
  const [code, setCode] = useState('');
  const status = data?.mySignIn;
  const enrolment = started.data?.startTotpEnrolment;
  const codes = confirmed.data?.confirmTotpEnrolment.codes;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await confirm({ code: code.trim() });
    if (res.data) refetch({ requestPolicy: 'network-only' });
  };

  return (
    <>
      <h1>{t('security.title')}</h1>
      <ErrorMessage error={error ?? started.error ?? confirmed.error} />
      {status && status.withheld.length > 0 && (
        <p className="notice" data-testid="withheld">
          {t('security.withheld', { what: status.withheld.map((w) => tEnum(w === 'EMERGENCY_ACCESS' || w === 'PROTECTED_IDENTITY' ? 'Permission' : 'Role', w)).join(', ') })}
        </p>
      )}
      {status && (
        <p data-testid="second-factor-status">
          {status.secondFactorEnrolled ? t('security.enrolled', { left: status.recoveryCodesLeft }) : t('security.notEnrolled')}
        </p>
      )}
      {codes && (
        <section aria-labelledby="recovery-title">
          <h2 id="recovery-title">{t('security.recoveryCodes')}</h2>
          <p>{t('security.recoveryCodesHint')}</p>
          <ul data-testid="recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {status && !status.secondFactorEnrolled && !codes && (
        <>
          {!enrolment && (
            <button type="button" onClick={() => void start({})}>
              {t('security.start')}
            </button>
          )}
          {enrolment && (
            <form onSubmit={(e) => void submit(e)}>
              <p>{t('security.addToApp')}</p>
              <p>
                <code data-testid="totp-secret">{enrolment.secret}</code>
              </p>
              <p className="muted">
                <a href={enrolment.otpauthUri}>{t('security.openInApp')}</a>
              </p>
              <label>
                {t('login.secondFactor')}
                <input inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required value={code} onChange={(e) => setCode(e.target.value)} />
              </label>
              <button type="submit" disabled={confirmed.fetching}>
                {t('security.confirm')}
              </button>
            </form>
          )}
        </>
      )}
    </>
  );
}
