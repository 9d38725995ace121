import { Fragment, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { ImportYoungPeopleMutation } from '../gql/graphql';
import { useT } from '../i18n';
import { ErrorMessage } from './common';

const ImportYoungPeopleDocument = graphql(`
  mutation ImportYoungPeople($input: ImportYoungPeopleInput!) {
    importYoungPeople(input: $input) {
      dryRun
      imported
      rowsRead
      wouldCreate
      youngPeopleCreated
      youngPeopleAlreadyRegistered
      errorCount
      warningCount
      errors {
        row
        column
        code
      }
      warnings {
        row
        column
        code
      }
      youngPeople {
        row
        youngPersonId
        created
      }
    }
  }
`);

type Result = ImportYoungPeopleMutation['importYoungPeople'];
type Problem = Result['errors'][number];

/**
 * The file's lines as the API numbers them (the header is row 1), split on the file's
 * separator with quoted fields kept whole: only to show each row beside its problems;
 * the API alone decides what is valid.
 */
export function splitCsv(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const sep = (lines[0] ?? '').includes(';') ? ';' : ',';
  return lines.map((line) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"' && quoted && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = !quoted;
      else if (c === sep && !quoted) cells.push(cell), (cell = '');
      else cell += c;
    }
    cells.push(cell);
    return cells;
  });
}

export function ImportPage() {
  const { t, tEnum } = useT();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [sent, send] = useMutation(ImportYoungPeopleDocument);
  const run = (dryRun: boolean) =>
    void send({ input: { csv, dryRun } }).then((r) => setResult(r.data?.importYoungPeople ?? null));
  const rows = csv.trim() ? splitCsv(csv) : [];
  const byRow = new Map<number, Problem[]>();
  for (const p of [...(result?.errors ?? []), ...(result?.warnings ?? [])]) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const errorRows = new Set(result?.errors.map((e) => e.row));
  const width = Math.max(1, ...rows.map((r) => r.length));
  return (
    <>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <form aria-label={t('import.title')} onSubmit={(e) => (e.preventDefault(), run(true))}>
        <label>
          {t('import.file')}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              setResult(null);
              if (file) void file.text().then(setCsv);
            }}
          />
        </label>
        <label className="wide">
          {t('import.text')}
          <textarea rows={6} value={csv} onChange={(e) => (setCsv(e.target.value), setResult(null))} />
        </label>
        <div>
          <button type="submit" disabled={!csv.trim() || sent.fetching}>
            {t('import.check')}
          </button>{' '}
          <button type="button" disabled={!result || !result.dryRun || result.errorCount > 0 || sent.fetching} onClick={() => run(false)}>
            {t('import.run')}
          </button>
        </div>
        <ErrorMessage error={sent.error} />
      </form>
      <p role="status" className={result && result.errorCount > 0 ? 'error' : 'status'}>
        {result &&
          (result.errorCount > 0
            ? t('import.hasErrors', { errors: result.errorCount, rows: result.rowsRead })
            : result.imported
              ? t('import.imported', { created: result.youngPeopleCreated, known: result.youngPeopleAlreadyRegistered })
              : t('import.checked', { rows: result.rowsRead, create: result.wouldCreate ?? 0 }))}
      </p>
      {rows.length > 0 && (
        <table className="import">
          <caption>{t('import.rows', { count: Math.max(0, rows.length - 1) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.row')}</th>
              {rows[0].map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
              <th scope="col">{t('import.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(1).map((cells, i) => {
              const row = i + 2;
              const problems = byRow.get(row) ?? [];
              return (
                <Fragment key={row}>
                  <tr data-testid="import-row" className={errorRows.has(row) ? 'bad' : undefined}>
                    <th scope="row">{row}</th>
                    {Array.from({ length: width }, (_, c) => (
                      <td key={c}>{cells[c] ?? ''}</td>
                    ))}
                    <td>
                      {problems.length > 0 && (
                        <ul className="problems">
                          {problems.map((p, k) => (
                            <li key={k} className={errorRows.has(row) && result?.errors.includes(p) ? 'error' : 'muted'}>
                              {p.column ? `${p.column}: ` : ''}
                              {tEnum('ImportProblemCode', p.code)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {byRow.has(1) && (
        <ul className="problems" data-testid="header-problems">
          {byRow.get(1)!.map((p, k) => (
            <li key={k} className="error">
              {t('import.header')}: {p.column ? `${p.column}: ` : ''}
              {tEnum('ImportProblemCode', p.code)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
