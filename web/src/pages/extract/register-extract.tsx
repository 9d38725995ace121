import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { ErrorMessage } from '../common';

const RegisterExtractQuery = graphql(`
  query RegisterExtractPage($youngPersonId: ID!) {
    registerExtract(youngPersonId: $youngPersonId) {
      youngPersonId
      generatedAt
      hiddenFields
      document
    }
  }
`);

type Extract = { generatedAt: string; hiddenFields: string[]; document: string };

/**
 * YOUTH_COORDINATOR: the register extract (GDPR art. 15) on the young person's request.
 * Made only when asked (the API logs it as an export), then offered as a JSON file.
 */
export function RegisterExtractPage({ id }: { id: string }) {
  const { t, dateTime, number } = useT();
  const client = useClient();
  const [extract, setExtract] = useState<Extract | null>(null);
  const [error, setError] = useState<Parameters<typeof ErrorMessage>[0]['error']>(undefined);
  const [busy, setBusy] = useState(false);

  const make = async () => {
    setBusy(true);
    const r = await client.query(RegisterExtractQuery, { youngPersonId: id }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    setError(r.error);
    if (r.data) setExtract(r.data.registerExtract);
  };

  const download = () => {
    if (!extract) return;
    const url = URL.createObjectURL(new Blob([extract.document], { type: 'application/json;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `registerutdrag-${extract.generatedAt.slice(0, 10)}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  // What the document holds, counted by part, so the coordinator sees it is complete before handing it over.
  const parts = extract ? Object.entries(JSON.parse(extract.document) as Record<string, unknown>).flatMap(([k, v]) => (Array.isArray(v) ? [[k, v.length] as const] : [])) : [];

  return (
    <>
      <h1>{t('extract.title')}</h1>
      <p>
        <Link to={`/people/${id}`}>{t('extract.back')}</Link>
      </p>
      <p>{t('extract.intro')}</p>
      <button type="button" disabled={busy} onClick={() => void make()}>
        {t('extract.make')}
      </button>
      <ErrorMessage error={error} />
      <p role="status" className="status" data-testid="extract-status">
        {extract ? t('extract.made', { when: dateTime(extract.generatedAt) }) : ''}
      </p>
      {extract && (
        <>
          <table data-testid="extract-parts">
            <caption>{t('extract.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('extract.part')}</th>
                <th scope="col">{t('extract.entries')}</th>
              </tr>
            </thead>
            <tbody>
              {parts.map(([k, n]) => (
                <tr key={k}>
                  <th scope="row">
                    <code>{k}</code>
                  </th>
                  <td className="num">{number(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {extract.hiddenFields.length > 0 && <p className="notice">{t('extract.hidden', { fields: extract.hiddenFields.join(', ') })}</p>}
          <button type="button" onClick={download}>
            {t('extract.download')}
          </button>
        </>
      )}
    </>
  );
}
