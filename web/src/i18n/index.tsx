import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { en } from './en';
import { sv } from './sv';
import type { EnumName } from './shown';

/** Swedish first; English on request (remembered in this browser). */
export const LOCALES = { 'sv-SE': sv, en } as const;
export type Locale = keyof typeof LOCALES;
export type MessageId = keyof typeof sv;

const STORAGE_KEY = 'portal.locale';
const LocaleContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'sv-SE',
  setLocale: () => undefined,
});

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'sv-SE';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const value = useMemo(
    () => ({
      locale,
      setLocale: (l: Locale) => {
        localStorage.setItem(STORAGE_KEY, l);
        document.documentElement.lang = l === 'en' ? 'en' : 'sv';
        setLocaleState(l);
      },
    }),
    [locale],
  );
  document.documentElement.lang = locale === 'en' ? 'en' : 'sv';
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={LOCALES[locale]} defaultLocale="sv-SE">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export const useLocale = () => useContext(LocaleContext);

export type { EnumName } from './shown';

/**
 * t(id) for labels, tEnum('Enum', value) for enum values, tError(code) for error
 * codes; a missing translation shows as the bare key, which the tests look for.
 */
export function useT() {
  const intl = useIntl();
  return useMemo(() => {
    const t = (id: MessageId, values?: Record<string, string | number>) =>
      intl.formatMessage({ id }, values);
    return {
      t,
      tEnum: (name: EnumName, value: string | null | undefined) =>
        value ? intl.formatMessage({ id: `enum.${name}.${value}` }) : '–',
      tError: (code: string | undefined, values?: Record<string, string | number>) =>
        intl.formatMessage({ id: `error.${code ?? 'INTERNAL_SERVER_ERROR'}` }, values),
      date: (d: string | Date | null | undefined) =>
        d ? intl.formatDate(typeof d === 'string' && d.length === 10 ? `${d}T12:00:00` : d, { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }) : '–',
      dateTime: (d: string | null | undefined) =>
        d ? intl.formatDate(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }) : '–',
      number: (n: number | null | undefined, opts?: Parameters<typeof intl.formatNumber>[1]) =>
        n === null || n === undefined ? '–' : intl.formatNumber(n, opts),
      intl,
    };
  }, [intl]);
}
