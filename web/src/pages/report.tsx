import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ContactChannel } from '../gql/graphql';
import { useLocale, useT } from '../i18n';
import { BarChart, LineChart } from './charts';
import { CONTACT_CHANNELS, ErrorMessage, Section, stockholmToday } from './common';

const MonthlyReportQuery = graphql(`
  query MonthlyReportPage($fromMonth: String!, $toMonth: String!, $language: ReportLanguage!) {
    monthlyReport(fromMonth: $fromMonth, toMonth: $toMonth) {
      fromMonth
      toMonth
      smallCountsSuppressed
      months {
        month
        inRegisterAtMonthEnd {
          value
        }
        knownOccupationShare {
          value
        }
        outreach {
          channel
          sent {
            value
          }
        }
      }
      rows(language: $language) {
        key
        label
        cells {
          display
        }
        total {
          display
        }
      }
    }
  }
`);

const MonthlyReportCsvQuery = graphql(`
  query MonthlyReportCsvPage($fromMonth: String!, $toMonth: String!) {
    monthlyReportCsv(fromMonth: $fromMonth, toMonth: $toMonth) {
      csv
      fileName
    }
  }
`);

/** YYYY-MM, n months before the given one. */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

export function ReportPage() {
  const { t, tEnum } = useT();
  const { locale } = useLocale();
  const client = useClient();
  const thisMonth = stockholmToday().slice(0, 7);
  const [range, setRange] = useState({ fromMonth: monthsBefore(thisMonth, 5), toMonth: thisMonth });
  const [draft, setDraft] = useState(range);
  const [downloadError, setDownloadError] = useState<Parameters<typeof ErrorMessage>[0]['error']>(undefined);
  const [{ data, error, fetching }] = useQuery({ query: MonthlyReportQuery, variables: { ...range, language: locale === 'en' ? 'EN' : 'SV' } });
  const report = data?.monthlyReport;
  const months = report?.months.map((m) => m.month) ?? [];
  const channels = CONTACT_CHANNELS.filter((c) => report?.months.some((m) => m.outreach.some((o) => o.channel === c)));
  const sent = (c: ContactChannel) => report?.months.map((m) => m.outreach.find((o) => o.channel === c)?.sent.value ?? 0) ?? [];

  const download = async () => {
    // Fetched on demand (it is logged as an export), handed to the browser as a file.
    const r = await client.query(MonthlyReportCsvQuery, range, { requestPolicy: 'network-only' }).toPromise();
    setDownloadError(r.error);
    if (!r.data) return;
    const url = URL.createObjectURL(new Blob([r.data.monthlyReportCsv.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.data.monthlyReportCsv.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      <h1>{t('report.title')}</h1>
      <form className="filters" aria-label={t('report.period')} onSubmit={(e) => (e.preventDefault(), setRange(draft))}>
        <label>
          {t('report.fromMonth')}
          <input type="month" required value={draft.fromMonth} onChange={(e) => setDraft({ ...draft, fromMonth: e.target.value })} />
        </label>
        <label>
          {t('report.toMonth')}
          <input type="month" required value={draft.toMonth} onChange={(e) => setDraft({ ...draft, toMonth: e.target.value })} />
        </label>
        <button type="submit">{t('report.show')}</button>{' '}
        <button type="button" onClick={() => void download()} disabled={!report}>
          {t('report.downloadCsv')}
        </button>
      </form>
      <ErrorMessage error={error ?? downloadError} />
      {fetching && !report && <p>{t('common.loading')}</p>}
      {report && (
        <>
          {report.smallCountsSuppressed && <p className="notice">{t('report.suppressed')}</p>}
          <div className="grid">
            <LineChart title={t('report.chartRegister')} months={months} series={[{ label: t('report.inRegister'), values: report.months.map((m) => m.inRegisterAtMonthEnd.value ?? null) }]} />
            <LineChart title={t('report.chartKnown')} months={months} unit="%" fixedMax={100} series={[{ label: t('report.knownShare'), values: report.months.map((m) => m.knownOccupationShare.value ?? null) }]} />
            <BarChart title={t('report.chartChannels')} months={months} series={channels.map((c) => ({ label: tEnum('ContactChannel', c), values: sent(c) }))} />
          </div>
          <Section title={t('report.table')} id="report-table">
            <div className="scroll">
              <table data-testid="report-table">
                <caption>{t('report.caption', { from: report.fromMonth, to: report.toMonth })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('report.figure')}</th>
                    {months.map((m) => (
                      <th key={m} scope="col">
                        {m}
                      </th>
                    ))}
                    <th scope="col">{t('report.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr key={r.key + r.label} data-key={r.key}>
                      <th scope="row">{r.label}</th>
                      {r.cells.map((c, i) => (
                        <td key={i} className="num">
                          {c.display}
                        </td>
                      ))}
                      <td className="num">{r.total.display}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        </>
      )}
    </>
  );
}
