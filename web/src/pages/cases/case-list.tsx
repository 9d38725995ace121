import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { CaseStatus, MyCasesQuery } from '../../gql/graphql';
import { useT } from '../../i18n';
import { Link } from '../../router';
import type { Me } from '../../session';
import { ErrorMessage } from '../common';

const CasesQuery = graphql(`
  query MyCases($status: CaseStatus) {
    cases(first: 100, status: $status) {
      totalCount
      edges {
        node {
          id
          title
          status
          createdAt
          leadOrganisationId
          leadOrganisation {
            id
            name
          }
          participants {
            organisationId
            role
          }
        }
      }
    }
  }
`);

/** Case workers: the cases the own organisation leads, then those it takes part in (the API lists both, consent permitting). */
export function CaseListPage({ me }: { me: Me }) {
  const { t } = useT();
  const [status, setStatus] = useState<CaseStatus | ''>('OPEN');
  const [{ data, error }] = useQuery({ query: CasesQuery, variables: { status: status || null }, requestPolicy: 'cache-and-network' });
  // The status filter again here: a case closed a moment ago is still in the cached list until the refetch answers.
  const cases = (data?.cases.edges.map((e) => e.node) ?? []).filter((c) => !status || c.status === status);
  const led = cases.filter((c) => c.leadOrganisationId === me.organisation.id);
  const joined = cases.filter((c) => c.leadOrganisationId !== me.organisation.id);
  return (
    <>
      <h1>{t('cases.title')}</h1>
      <label>
        {t('cases.status')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
          <option value="OPEN">{t('enum.CaseStatus.OPEN')}</option>
          <option value="CLOSED">{t('enum.CaseStatus.CLOSED')}</option>
          <option value="">{t('cases.allStatuses')}</option>
        </select>
      </label>
      <ErrorMessage error={error} />
      <CaseTable id="cases-led" title={t('cases.led')} rows={led} loaded={!!data} />
      <CaseTable id="cases-joined" title={t('cases.joined')} rows={joined} loaded={!!data} />
    </>
  );
}

type CaseRow = MyCasesQuery['cases']['edges'][number]['node'];

function CaseTable({ id, title, rows, loaded }: { id: string; title: string; rows: CaseRow[]; loaded: boolean }) {
  const { t, tEnum, date } = useT();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {loaded && rows.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <table data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{t('cases.caseTitle')}</th>
              <th scope="col">{t('cases.status')}</th>
              <th scope="col">{t('cases.lead')}</th>
              <th scope="col">{t('cases.participantCount')}</th>
              <th scope="col">{t('cases.opened')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-testid="case-row">
                <td>
                  <Link to={`/cases/${c.id}`}>{c.title}</Link>
                </td>
                <td>{tEnum('CaseStatus', c.status)}</td>
                <td>{c.leadOrganisation?.name ?? '–'}</td>
                <td>{c.participants.length}</td>
                <td>{date(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
