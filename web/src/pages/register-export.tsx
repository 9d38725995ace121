import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '../gql';
import type { ExportFormat } from '../gql/graphql';
import { useT } from '../i18n';
import { ErrorMessage, stockholmToday } from './common';
import { saveFile } from './report';

const RegisterExportQuery = graphql(`
  query RegisterExportPage($format: ExportFormat!, $onDate: String) {
    kaaRegisterExport(format: $format, onDate: $onDate) {
      fileName
      contentType
      rowCount
      base64
    }
  }
`);

/** The coordinator's KAA register on a date as a CSV or XLSX file (each download is logged as an export). */
export function RegisterExport() {
  const { t } = useT();
  const client = useClient();
  const [onDate, setOnDate] = useState(stockholmToday());
  const [error, setError] = useState<Parameters<typeof ErrorMessage>[0]['error']>(undefined);
  const [status, setStatus] = useState('');
  const download = async (format: ExportFormat) => {
    const r = await client.query(RegisterExportQuery, { format, onDate }, { requestPolicy: 'network-only' }).toPromise();
    setError(r.error);
    if (!r.data) return;
    const file = r.data.kaaRegisterExport;
    saveFile(new Blob([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], { type: file.contentType }), file.fileName);
    setStatus(t('registerExport.done', { count: file.rowCount }));
  };
  return (
    <form className="filters" aria-label={t('registerExport.title')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('registerExport.onDate')}{' '}
        <input type="date" required value={onDate} onChange={(e) => setOnDate(e.target.value)} />
      </label>{' '}
      <button type="button" onClick={() => void download('CSV')} disabled={!onDate}>
        {t('registerExport.csv')}
      </button>{' '}
      <button type="button" onClick={() => void download('XLSX')} disabled={!onDate}>
        {t('registerExport.xlsx')}
      </button>
      <span aria-live="polite" className="status">
        {status}
      </span>
      <ErrorMessage error={error} />
    </form>
  );
}
