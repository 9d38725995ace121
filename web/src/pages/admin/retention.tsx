import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useT, type MessageId } from '../../i18n';
import { ErrorMessage } from '../common';

const RetentionQuery = graphql(`
  query AdminRetentionSettings {
    retentionSettings {
      municipalityCode
      kaaMonths
      closedCaseMonths
      noticeFlagMonths
      withdrawnConsentMonths
      accessLogYears
      customised
      updatedAt
    }
  }
`);

const UpdateRetentionMutation = graphql(`
  mutation AdminUpdateRetentionSettings($input: RetentionSettingsInput!) {
    updateRetentionSettings(input: $input) {
      municipalityCode
      kaaMonths
      closedCaseMonths
      noticeFlagMonths
      withdrawnConsentMonths
      accessLogYears
      customised
      updatedAt
    }
  }
`);

type Field = 'kaaMonths' | 'closedCaseMonths' | 'noticeFlagMonths' | 'withdrawnConsentMonths' | 'accessLogYears';
// The API's limits (README, Retention): periods in months 0–240, the access log in years 1–100.
const FIELDS: { name: Field; label: MessageId; hint: MessageId; min: number; max: number }[] = [
  { name: 'kaaMonths', label: 'admin.kaaMonths', hint: 'admin.kaaMonthsHint', min: 0, max: 240 },
  { name: 'closedCaseMonths', label: 'admin.closedCaseMonths', hint: 'admin.closedCaseMonthsHint', min: 0, max: 240 },
  { name: 'noticeFlagMonths', label: 'admin.noticeFlagMonths', hint: 'admin.noticeFlagMonthsHint', min: 0, max: 240 },
  { name: 'withdrawnConsentMonths', label: 'admin.withdrawnConsentMonths', hint: 'admin.withdrawnConsentMonthsHint', min: 0, max: 240 },
  { name: 'accessLogYears', label: 'admin.accessLogYears', hint: 'admin.accessLogYearsHint', min: 1, max: 100 },
];

/** MUNICIPALITY_ADMIN: the own municipality's retention periods (gallringsfrister); the next purge applies them. */
export function AdminRetentionPage() {
  const { t, dateTime } = useT();
  const [{ data, error }] = useQuery({ query: RetentionQuery, requestPolicy: 'cache-and-network' });
  const [saved, save] = useMutation(UpdateRetentionMutation);
  const [done, setDone] = useState('');
  const s = data?.retentionSettings;
  const onSave = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const n = (k: Field) => Number(f.get(k));
    const res = await save({
      input: { kaaMonths: n('kaaMonths'), closedCaseMonths: n('closedCaseMonths'), noticeFlagMonths: n('noticeFlagMonths'), withdrawnConsentMonths: n('withdrawnConsentMonths'), accessLogYears: n('accessLogYears') },
    });
    if (!res.error) setDone(t('admin.retentionSaved'));
  };
  return (
    <>
      <h1>{t('admin.retentionTitle')}</h1>
      <p>{t('admin.retentionIntro')}</p>
      <ErrorMessage error={error ?? saved.error} />
      {s && (
        <>
          <p data-testid="retention-state">{s.customised ? t('admin.retentionCustomised', { when: dateTime(s.updatedAt) }) : t('admin.retentionDefaults')}</p>
          {/* keyed by the saved values, so the fields show what the server holds after a save */}
          <form onSubmit={(e) => void onSave(e)} key={s.updatedAt ?? 'defaults'}>
            {FIELDS.map((fd) => (
              <label key={fd.name} className="wide">
                {t(fd.label)}
                <input type="number" name={fd.name} required min={fd.min} max={fd.max} defaultValue={s[fd.name]} aria-describedby={`${fd.name}-hint`} />
                <span id={`${fd.name}-hint`} className="muted">
                  {t(fd.hint)}
                </span>
              </label>
            ))}
            <button type="submit">{t('admin.saveRetention')}</button>
          </form>
        </>
      )}
      <p role="status" className="status">
        {done}
      </p>
    </>
  );
}
