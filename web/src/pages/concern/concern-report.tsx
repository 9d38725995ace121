import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { ErrorMessage } from '../common';

const ConcernPersonQuery = graphql(`
  query ConcernPerson($id: ID!) {
    youngPerson(id: $id) {
      id
      givenName
      familyName
      age
    }
  }
`);

const SendConcernReportMutation = graphql(`
  mutation SendConcernReport($input: SendConcernReportInput!) {
    sendConcernReport(input: $input) {
      id
      delivered
      immediateDanger
      municipalityCode
      createdAt
    }
  }
`);

/**
 * Orosanmälan about a child under 18 to the social services of its home municipality. The
 * duty to report needs no consent, so there is no consent step here.
 */
export function ConcernReportPage({ id }: { id: string }) {
  const { t, dateTime } = useT();
  const [{ data, error }] = useQuery({ query: ConcernPersonQuery, variables: { id } });
  const [sent, send] = useMutation(SendConcernReportMutation);
  const [description, setDescription] = useState('');
  const [immediateDanger, setImmediateDanger] = useState(false);
  const p = data?.youngPerson;
  const name = p ? `${p.givenName ?? ''} ${p.familyName ?? ''}`.trim() || t('person.nameHidden') : '';
  const report = sent.data?.sendConcernReport;

  return (
    <>
      <h1>{t('concern.title')}</h1>
      <p>
        <Link to={`/people/${id}`}>{t('concern.back')}</Link>
      </p>
      <ErrorMessage error={error} />
      {p && <p>{t('concern.about', { name, age: p.age ?? '–' })}</p>}
      <p>{t('concern.intro')}</p>
      {p && (p.age ?? 0) >= 18 && <p className="notice">{t('concern.adult')}</p>}
      {report ? (
        <p role="status" className="status" data-testid="concern-sent">
          {t(report.delivered ? 'concern.sent' : 'concern.sentNotDelivered', { when: dateTime(report.createdAt), municipality: report.municipalityCode })}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send({ input: { youngPersonId: id, description: description.trim(), immediateDanger } });
          }}
        >
          <label className="wide">
            {t('concern.description')}
            <textarea value={description} rows={6} required onChange={(e) => setDescription(e.target.value)} />
          </label>
          <label>
            <input type="checkbox" checked={immediateDanger} onChange={(e) => setImmediateDanger(e.target.checked)} /> {t('concern.immediateDanger')}
          </label>
          <p className="muted">{t('concern.dangerHint')}</p>
          <button type="submit" disabled={sent.fetching}>
            {t('concern.send')}
          </button>
          <ErrorMessage error={sent.error} />
        </form>
      )}
    </>
  );
}
