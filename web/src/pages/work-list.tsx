import { Fragment, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ContactChannel, ContactOutcome, OccupationCategory, WorkListReason } from '../gql/graphql';
import { useT } from '../i18n';
import { Link } from '../router';
import type { Me } from '../session';
import { RegisterExport } from './register-export';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, ErrorMessage, OCCUPATIONS, stockholmToday, WORK_LIST_REASONS } from './common';

const WorkListQuery = graphql(`
  query WorkList($reason: WorkListReason, $responsibleIsMe: Boolean, $after: String) {
    workList(first: 100, reason: $reason, responsibleIsMe: $responsibleIsMe, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          kaaPeriodId
          youngPersonId
          givenName
          familyName
          age
          priority
          reasons
          lastContactAt
          lastContactChannel
          lastContactOutcome
          nextFollowUpDate
          responsibleName
        }
      }
    }
  }
`);

export const RecordContactMutation = graphql(`
  mutation RecordContact($input: RecordContactAttemptInput!) {
    recordContactAttempt(input: $input) {
      id
      channel
      outcome
      occurredAt
    }
  }
`);

export const RecordOccupationMutation = graphql(`
  mutation RecordOccupation($input: RecordOccupationInput!) {
    recordOccupation(input: $input) {
      id
      category
      validFrom
    }
  }
`);

export function WorkListPage({ me }: { me: Me }) {
  const { t, tEnum, date, number } = useT();
  const [reason, setReason] = useState<WorkListReason | ''>('');
  const [mine, setMine] = useState(false);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const vars = { reason: reason || null, responsibleIsMe: mine || null };
  void me;

  return (
    <>
      <h1>{t('workList.title')}</h1>
      <form className="filters" aria-label={t('workList.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('workList.reason')}{' '}
          <select value={reason} onChange={(e) => { setReason(e.target.value as WorkListReason | ''); setPages([null]); }}>
            <option value="">{t('workList.allReasons')}</option>
            {WORK_LIST_REASONS.map((r) => (
              <option key={r} value={r}>
                {tEnum('WorkListReason', r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={mine} onChange={(e) => { setMine(e.target.checked); setPages([null]); }} /> {t('workList.mine')}
        </label>
      </form>
      <RegisterExport />
      <p role="status" className="status">{status}</p>
      <table className="work-list">
        <caption>{t('workList.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workList.priority')}</th>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('person.age')}</th>
            <th scope="col">{t('workList.reasons')}</th>
            <th scope="col">{t('workList.lastContact')}</th>
            <th scope="col">{t('workList.nextFollowUp')}</th>
            <th scope="col">{t('workList.responsible')}</th>
            <th scope="col">{t('workList.actions')}</th>
          </tr>
        </thead>
        {pages.map((after, i) => (
          <WorkListPageRows
            key={`${after}-${reason}-${mine}`}
            vars={{ ...vars, after }}
            last={i === pages.length - 1}
            onMore={(cursor) => setPages((p) => [...p, cursor])}
            open={open}
            setOpen={setOpen}
            onRecorded={(name) => setStatus(t('contact.recorded', { name }))}
            fmt={{ t, tEnum, date, number }}
          />
        ))}
      </table>
    </>
  );
}

type Fmt = Pick<ReturnType<typeof useT>, 't' | 'tEnum' | 'date' | 'number'>;

function WorkListPageRows(props: {
  vars: { reason: WorkListReason | null; responsibleIsMe: boolean | null; after: string | null };
  last: boolean;
  onMore: (cursor: string) => void;
  open: string | null;
  setOpen: (id: string | null) => void;
  onRecorded: (name: string) => void;
  fmt: Fmt;
}) {
  const { t, tEnum, date } = props.fmt;
  const [{ data, error, fetching }, refetch] = useQuery({ query: WorkListQuery, variables: props.vars, requestPolicy: 'cache-and-network' });
  const list = data?.workList;
  return (
    <tbody>
      {error && (
        <tr>
          <td colSpan={8}>
            <ErrorMessage error={error} />
          </td>
        </tr>
      )}
      {!list && fetching && (
        <tr>
          <td colSpan={8}>{t('common.loading')}</td>
        </tr>
      )}
      {list?.edges.map(({ node: row }) => {
        const name = `${row.givenName} ${row.familyName}`;
        const isOpen = props.open === row.kaaPeriodId;
        return (
          <Fragment key={row.kaaPeriodId}>
            <tr data-testid="work-list-row">
              <td>{row.priority}</td>
              <td>
                <Link to={`/people/${row.youngPersonId}`}>{name}</Link>
              </td>
              <td>{row.age}</td>
              <td>
                <ul className="tags">
                  {row.reasons.map((r) => (
                    <li key={r}>{tEnum('WorkListReason', r)}</li>
                  ))}
                </ul>
              </td>
              <td>
                {row.lastContactAt ? `${date(row.lastContactAt)} · ${tEnum('ContactChannel', row.lastContactChannel)} · ${tEnum('ContactOutcome', row.lastContactOutcome)}` : t('workList.never')}
              </td>
              <td>{date(row.nextFollowUpDate)}</td>
              <td>{row.responsibleName ?? '–'}</td>
              <td>
                <button type="button" aria-expanded={isOpen} aria-label={t('contact.recordFor', { name })} onClick={() => props.setOpen(isOpen ? null : row.kaaPeriodId)}>
                  {t('contact.record')}
                </button>
              </td>
            </tr>
            {isOpen && (
              <tr className="inline-form">
                <td colSpan={8}>
                  <ContactForm
                    youngPersonId={row.youngPersonId}
                    name={name}
                    onDone={() => {
                      props.setOpen(null);
                      props.onRecorded(name);
                      refetch({ requestPolicy: 'network-only' });
                    }}
                  />
                </td>
              </tr>
            )}
          </Fragment>
        );
      })}
      {props.last && list?.pageInfo.hasNextPage && (
        <tr>
          <td colSpan={8}>
            <button type="button" onClick={() => props.onMore(list.pageInfo.endCursor!)}>
              {t('common.showMore')}
            </button>
          </td>
        </tr>
      )}
      {props.last && list && (
        <tr>
          <td colSpan={8} className="muted">
            {t('workList.total', { count: list.totalCount })}
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** Channel, outcome and (optionally) the occupation learned; the defaults make it two clicks. */
export function ContactForm({ youngPersonId, name, onDone, autoFocus = true }: { youngPersonId: string; name: string; onDone: () => void; autoFocus?: boolean }) {
  const { t, tEnum } = useT();
  const [channel, setChannel] = useState<ContactChannel>('PHONE');
  const [outcome, setOutcome] = useState<ContactOutcome>('REACHED');
  const [occupation, setOccupation] = useState<OccupationCategory | ''>('');
  const [contactResult, recordContact] = useMutation(RecordContactMutation);
  const [occupationResult, recordOccupation] = useMutation(RecordOccupationMutation);
  const save = async () => {
    const res = await recordContact({ input: { youngPersonId, channel, outcome, direction: 'OUTBOUND', occurredAt: new Date().toISOString() } });
    if (res.error) return;
    if (occupation) {
      const occ = await recordOccupation({ input: { youngPersonId, category: occupation, source: 'YOUNG_PERSON', validFrom: stockholmToday() } });
      if (occ.error) return;
    }
    onDone();
  };
  return (
    <form
      className="contact-form"
      aria-label={t('contact.formFor', { name })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        {t('contact.channel')}
        <select value={channel} onChange={(e) => setChannel(e.target.value as ContactChannel)} autoFocus={autoFocus}>
          {CONTACT_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {tEnum('ContactChannel', c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('contact.outcome')}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as ContactOutcome)}>
          {CONTACT_OUTCOMES.map((c) => (
            <option key={c} value={c}>
              {tEnum('ContactOutcome', c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('contact.occupationLearned')}
        <select value={occupation} onChange={(e) => setOccupation(e.target.value as OccupationCategory | '')}>
          <option value="">{t('contact.noOccupation')}</option>
          {OCCUPATIONS.map((c) => (
            <option key={c} value={c}>
              {tEnum('OccupationCategory', c)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={contactResult.fetching || occupationResult.fetching}>
        {t('contact.save')}
      </button>
      <ErrorMessage error={contactResult.error ?? occupationResult.error} />
    </form>
  );
}
