import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { BarChart } from './charts';
import { ErrorMessage, Section, stockholmToday } from './common';
import { monthsBefore } from './report';

const OwnSchoolFiguresQuery = graphql(`
  query OwnSchoolFiguresPage($fromMonth: String!, $toMonth: String!) {
    ownSchoolFigures(fromMonth: $fromMonth, toMonth: $toMonth) {
      schoolOrganisationId
      months {
        month
        flagsRaised
        flagsShared
        preventiveMeetingsHeld
        noticesReceived
        noticesWithPlan
      }
    }
  }
`);

const FIGURES = ['flagsRaised', 'flagsShared', 'preventiveMeetingsHeld', 'noticesReceived', 'noticesWithPlan'] as const;

/** The counsellor's own school, month by month over the last year. */
export function FiguresPage() {
  const { t, number } = useT();
  const toMonth = stockholmToday().slice(0, 7);
  const fromMonth = monthsBefore(toMonth, 11);
  const [{ data, error }] = useQuery({ query: OwnSchoolFiguresQuery, variables: { fromMonth, toMonth }, requestPolicy: 'cache-and-network' });
  const months = data?.ownSchoolFigures.months ?? [];
  return (
    <>
      <h1>{t('figures.title')}</h1>
      <ErrorMessage error={error} />
      {data && (
        <>
          <BarChart
            title={t('figures.chart')}
            months={months.map((m) => m.month)}
            series={[
              { label: t('figures.flagsRaised'), values: months.map((m) => m.flagsRaised ?? null) },
              { label: t('figures.noticesReceived'), values: months.map((m) => m.noticesReceived ?? null) },
            ]}
          />
          <Section title={t('report.table')} id="figures-table">
            <div className="scroll">
              <table data-testid="figures-table">
                <caption>{t('figures.caption', { from: fromMonth, to: toMonth })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('report.figure')}</th>
                    {months.map((m) => (
                      <th key={m.month} scope="col">
                        {m.month}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {FIGURES.map((f) => (
                    <tr key={f} data-key={f}>
                      <th scope="row">{t(`figures.${f}`)}</th>
                      {months.map((m) => (
                        <td key={m.month} className="num">
                          {number(m[f])}
                        </td>
                      ))}
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
