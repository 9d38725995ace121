import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ContactChannel, MonthlyReportPageQuery } from '../gql/graphql';
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
        closuresToWork {
          value
        }
        closuresToStudies {
          value
        }
        referralsSent {
          value
        }
        referralsAccepted {
          value
        }
        referralsDeclined {
          value
        }
        referralsCompleted {
          value
        }
        referralsCancelled {
          value
        }
        activitiesHeld {
          value
        }
        activityAttendance {
          value
        }
        activityFirstTimers {
          value
        }
        outreach {
          channel
          sent {
            value
          }
        }
      }
      summerJobs {
        year
        sector
        positions {
          value
          display
        }
        placements {
          value
          display
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

const MonthlyReportPdfQuery = graphql(`
  query MonthlyReportPdfPage($fromMonth: String!, $toMonth: String!, $language: ReportLanguage!) {
    monthlyReportDocument(format: PDF, fromMonth: $fromMonth, toMonth: $toMonth, language: $language) {
      base64
      contentType
      fileName
    }
  }
`);

/** Hands a fetched file to the browser as a download. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
  type Month = NonNullable<typeof report>['months'][number];
  // A suppressed cell has no value: a gap in the chart, "<5" in the table beside it.
  const figure = (label: string, f: (m: Month) => { value?: number | null }) => ({ label, values: report?.months.map((m) => f(m).value ?? null) ?? [] });
  const sent = (c: ContactChannel) => report?.months.map((m) => m.outreach.find((o) => o.channel === c)?.sent.value ?? 0) ?? [];

  // Fetched on demand (each is logged as an export), handed to the browser as a file.
  const download = async () => {
    const r = await client.query(MonthlyReportCsvQuery, range, { requestPolicy: 'network-only' }).toPromise();
    setDownloadError(r.error);
    if (r.data) saveFile(new Blob([r.data.monthlyReportCsv.csv], { type: 'text/csv;charset=utf-8' }), r.data.monthlyReportCsv.fileName);
  };
  const downloadPdf = async () => {
    const r = await client.query(MonthlyReportPdfQuery, { ...range, language: locale === 'en' ? 'EN' : 'SV' }, { requestPolicy: 'network-only' }).toPromise();
    setDownloadError(r.error);
    if (!r.data) return;
    const doc = r.data.monthlyReportDocument;
    saveFile(new Blob([Uint8Array.from(atob(doc.base64), (c) => c.charCodeAt(0))], { type: doc.contentType }), doc.fileName);
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
        </button>{' '}
        <button type="button" onClick={() => void downloadPdf()} disabled={!report}>
          {t('reportCharts.downloadPdf')}
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
            <BarChart title={t('reportCharts.closures')} months={months} series={[figure(t('reportCharts.closuresToWork'), (m) => m.closuresToWork), figure(t('reportCharts.closuresToStudies'), (m) => m.closuresToStudies)]} />
            <BarChart
              title={t('reportCharts.referrals')}
              months={months}
              series={[
                figure(t('reportCharts.referralsSent'), (m) => m.referralsSent),
                figure(t('reportCharts.referralsAccepted'), (m) => m.referralsAccepted),
                figure(t('reportCharts.referralsDeclined'), (m) => m.referralsDeclined),
                figure(t('reportCharts.referralsCompleted'), (m) => m.referralsCompleted),
                figure(t('reportCharts.referralsCancelled'), (m) => m.referralsCancelled),
              ]}
            />
            <BarChart title={t('reportCharts.activities')} months={months} series={[figure(t('reportCharts.activitiesHeld'), (m) => m.activitiesHeld)]} />
            <LineChart title={t('reportCharts.attendance')} months={months} series={[figure(t('reportCharts.attendanceTotal'), (m) => m.activityAttendance), figure(t('reportCharts.firstTimers'), (m) => m.activityFirstTimers)]} />
          </div>
          <SummerJobs rows={report.summerJobs} />
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

type SummerJobRow = NonNullable<MonthlyReportPageQuery['monthlyReport']>['summerJobs'][number];

/**
 * The summer-job challenge: business should offer as many positions as the municipality
 * (DESIGN.md). A grouped chart of the latest year per sector, and every year in the table.
 */
function SummerJobs({ rows }: { rows: SummerJobRow[] }) {
  const { t, tEnum } = useT();
  const year = Math.max(0, ...rows.map((r) => r.year));
  const latest = rows.filter((r) => r.year === year);
  return (
    <Section title={t('reportCharts.summerJobs')} id="summer-jobs">
      {latest.length > 0 && (
        <BarChart
          title={t('reportCharts.summerJobsChart', { year })}
          grouped
          months={latest.map((r) => r.sector)}
          labels={latest.map((r) => tEnum('SummerJobSector', r.sector))}
          series={[
            { label: t('reportCharts.positions'), values: latest.map((r) => r.positions.value ?? null) },
            { label: t('reportCharts.placements'), values: latest.map((r) => r.placements.value ?? null) },
          ]}
        />
      )}
      <table data-testid="summer-jobs-table">
        <caption>{t('reportCharts.summerJobsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reportCharts.year')}</th>
            <th scope="col">{t('reportCharts.sector')}</th>
            <th scope="col">{t('reportCharts.positions')}</th>
            <th scope="col">{t('reportCharts.placements')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={4}>{t('reportCharts.noSummerJobs')}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={`${r.year}-${r.sector}`} data-sector={r.sector}>
              <th scope="row">{r.year}</th>
              <td>{tEnum('SummerJobSector', r.sector)}</td>
              <td className="num">{r.positions.display}</td>
              <td className="num">{r.placements.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
