import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { LegalBasis } from '../../gql/graphql';
import { useT } from '../../i18n';
import { ErrorMessage } from '../common';

const LEGAL_BASES: LegalBasis[] = ['ADMINISTRATION', 'AUDIT', 'AUTHENTICATION', 'CONSENT', 'EMERGENCY_ACCESS', 'OWN_ORGANISATION', 'STATUTORY_DUTY'];
const PAGE_SIZES = [10, 25, 50, 100];

const AuditFiltersQuery = graphql(`
  query AuditFilters {
    organisationDirectory(first: 100) {
      edges {
        node {
          id
          name
          municipalityName
        }
      }
    }
  }
`);

const AccessLogQuery = graphql(`
  query AuditAccessLog($first: Int, $after: String, $youngPersonId: ID, $userId: ID, $organisationId: ID, $from: DateTime, $to: DateTime, $legalBasis: LegalBasis) {
    accessLog(first: $first, after: $after, youngPersonId: $youngPersonId, userId: $userId, organisationId: $organisationId, from: $from, to: $to, legalBasis: $legalBasis) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          occurredAt
          action
          legalBasis
          actorUserId
          actorOrganisationId
          subjectType
          subjectIds
          youngPersonIds
          fields
        }
      }
    }
  }
`);

const VerifyQuery = graphql(`
  query AuditVerifyChain {
    verifyAccessLog {
      valid
      checkedRows
      unsealedRows
      firstInvalidSeq
    }
  }
`);

export interface LogFilter {
  youngPersonId?: string;
  userId?: string;
  organisationId?: string;
  from?: string;
  to?: string;
  legalBasis?: LegalBasis;
}

/** A Stockholm day (YYYY-MM-DD) as the instant it starts; `to` is exclusive, so the day after. */
function dayStart(day: string, plusDays = 0): string {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

/** AUDITOR: the access log of the own municipality, filtered and paged; ids only, as the log holds them. */
export function AuditLogPage() {
  const { t, tEnum, dateTime, number } = useT();
  const [filter, setFilter] = useState<LogFilter>({});
  const [size, setSize] = useState(25);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [{ data: filters }] = useQuery({ query: AuditFiltersQuery });
  // The log holds ids; organisations are named from the directory (users have no list an auditor may read).
  const orgs = filters?.organisationDirectory.edges.map((e) => e.node) ?? [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }] = useQuery({
    query: AccessLogQuery,
    variables: {
      first: size,
      after,
      youngPersonId: filter.youngPersonId || null,
      userId: filter.userId || null,
      organisationId: filter.organisationId || null,
      from: filter.from ? dayStart(filter.from) : null,
      to: filter.to ? dayStart(filter.to, 1) : null,
      legalBasis: filter.legalBasis || null,
    },
    requestPolicy: 'network-only',
  });
  const rows = data?.accessLog.edges.map((e) => e.node) ?? [];

  const onSearch = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const value = (k: string) => (String(f.get(k) ?? '').trim() || undefined) as never;
    setFilter({ youngPersonId: value('youngPersonId'), userId: value('userId'), organisationId: value('organisationId'), from: value('from'), to: value('to'), legalBasis: value('legalBasis') });
    setCursors([null]);
  };

  return (
    <>
      <h1>{t('audit.logTitle')}</h1>
      <ChainVerification />
      <form onSubmit={onSearch} aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t('audit.filters')}</h2>
        <label>
          {t('audit.youngPersonId')}
          <input name="youngPersonId" pattern="[0-9a-fA-F\-]{36}" size={38} aria-describedby="audit-yp-hint" />
        </label>
        <label>
          {t('audit.userId')}
          <input name="userId" pattern="[0-9a-fA-F\-]{36}" size={38} />
        </label>
        <label>
          {t('audit.organisation')}
          <select name="organisationId">
            <option value="">{t('audit.any')}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.municipalityName})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')}
          <input type="date" name="from" />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" name="to" />
        </label>
        <label>
          {t('audit.legalBasis')}
          <select name="legalBasis">
            <option value="">{t('audit.any')}</option>
            {LEGAL_BASES.map((b) => (
              <option key={b} value={b}>
                {tEnum('LegalBasis', b)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.pageSize')}
          <select value={size} onChange={(e) => (setSize(Number(e.target.value)), setCursors([null]))}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <p id="audit-yp-hint" className="muted">
          {t('audit.youngPersonIdHint')}
        </p>
        <button type="submit">{t('audit.search')}</button>
      </form>
      <ErrorMessage error={error} />
      <p role="status" className="status" data-testid="audit-total">
        {data && !fetching ? t('audit.total', { count: data.accessLog.totalCount }) : ''}
      </p>
      <table aria-busy={fetching} data-testid="audit-table">
        <caption>{t('audit.caption', { page: number(cursors.length) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.legalBasis')}</th>
            <th scope="col">{t('audit.user')}</th>
            <th scope="col">{t('audit.organisation')}</th>
            <th scope="col">{t('audit.subject')}</th>
            <th scope="col">{t('audit.youngPeople')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row">
              <td>{dateTime(r.occurredAt)}</td>
              <td>{tEnum('AccessAction', r.action)}</td>
              <td>{tEnum('LegalBasis', r.legalBasis)}</td>
              <td>{r.actorUserId ? <code className="id">{r.actorUserId}</code> : '–'}</td>
              <td>{r.actorOrganisationId ? (orgName.get(r.actorOrganisationId) ?? <code>{r.actorOrganisationId}</code>) : '–'}</td>
              <td>
                {r.subjectType} · {t('audit.records', { count: r.subjectIds.length })}
              </td>
              <td>
                <Ids ids={r.youngPersonIds} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('audit.previous')}
        </button>
        <button type="button" disabled={!data?.accessLog.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, data!.accessLog.pageInfo.endCursor ?? null])}>
          {t('audit.next')}
        </button>
      </div>
    </>
  );
}

/** The hash chain recomputed on request; the result says plainly whether the log is intact. */
function ChainVerification() {
  const { t, number } = useT();
  const [asked, setAsked] = useState(false);
  const [{ data, error, fetching }, verify] = useQuery({ query: VerifyQuery, pause: !asked, requestPolicy: 'network-only' });
  const v = data?.verifyAccessLog;
  return (
    <section aria-labelledby="audit-chain">
      <h2 id="audit-chain">{t('audit.chainTitle')}</h2>
      <button type="button" disabled={fetching} onClick={() => (asked ? verify({ requestPolicy: 'network-only' }) : setAsked(true))}>
        {t('audit.verify')}
      </button>
      <ErrorMessage error={error} />
      <p role="status" data-testid="chain-result" className={v ? (v.valid ? 'ok' : 'error') : 'status'}>
        {v &&
          (v.valid
            ? t('audit.chainValid', { checked: number(v.checkedRows), unsealed: number(v.unsealedRows) })
            : t('audit.chainBroken', { seq: v.firstInvalidSeq ?? '–', checked: number(v.checkedRows) }))}
      </p>
    </section>
  );
}

/** A row about many young people (a list read) shows the first few ids and the rest on request. */
function Ids({ ids }: { ids: string[] }) {
  const { t } = useT();
  const code = (id: string) => (
    <code key={id} className="id">
      {id}
    </code>
  );
  if (ids.length <= 3) return <>{ids.map(code)}</>;
  return (
    <details>
      <summary>{t('audit.manyPeople', { count: ids.length })}</summary>
      {ids.map(code)}
    </details>
  );
}
