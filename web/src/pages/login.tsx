import { useState, type FormEvent } from 'react';
import { useLocale, useT, type Locale } from '../i18n';
import { login, SessionError } from '../session';

export function LoginPage() {
  const { t, tError, dateTime } = useT();
  const { locale, setLocale } = useLocale();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the server has accepted the password and asks for the second factor.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password, askCode ? code : undefined);
    } catch (err) {
      const code = err instanceof SessionError ? err.code : 'NETWORK_ERROR';
      if (code === 'SECOND_FACTOR_REQUIRED') {
        setAskCode(true);
        return;
      }
      const until = err instanceof SessionError ? err.details?.lockedUntil : undefined;
      setError(tError(code, { until: dateTime(typeof until === 'string' ? until : null) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <h1>{t('app.name')}</h1>
      <label className="lang">
        {t('shell.language')}{' '}
        <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
          <option value="sv-SE">Svenska</option>
          <option value="en">English</option>
        </select>
      </label>
      <form onSubmit={(e) => void submit(e)}>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.email')}
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {askCode && (
          <label>
            {t('login.secondFactor')}
            <input
              autoComplete="one-time-code"
              required
              autoFocus
              aria-describedby="second-factor-hint"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <span id="second-factor-hint" className="muted">
              {t('login.secondFactorHint')}
            </span>
          </label>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
