import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ContactChannel, ContactOutcome } from '../gql/graphql';
import { useT } from '../i18n';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, ErrorMessage, Section, stockholmToday } from './common';

const OutreachRoundsQuery = graphql(`
  query OutreachRoundsPage {
    outreachRounds(first: 25) {
      totalCount
      edges {
        node {
          id
          occurredAt
          channel
          outcome
          note
          recipientCount
        }
      }
    }
    workList(first: 100) {
      totalCount
      edges {
        node {
          kaaPeriodId
          youngPersonId
          givenName
          familyName
        }
      }
    }
  }
`);

const RecordOutreachRoundMutation = graphql(`
  mutation RecordOutreachRoundPage($input: RecordOutreachRoundInput!) {
    recordOutreachRound(input: $input) {
      id
      recipientCount
      outcome
    }
  }
`);

/**
 * Outreach rounds: the same contact (the autumn letter, an SMS to everyone) recorded for
 * many young people of the register at once; the API writes all or none.
 */
export function OutreachRoundsPage() {
  const { t, tEnum, dateTime } = useT();
  const [{ data, error }, refetch] = useQuery({ query: OutreachRoundsQuery, requestPolicy: 'cache-and-network' });
  const [picked, setPicked] = useState<string[]>([]);
  const [channel, setChannel] = useState<ContactChannel>('LETTER');
  const [outcome, setOutcome] = useState<ContactOutcome>('NO_RESPONSE');
  const [day, setDay] = useState(stockholmToday());
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const [result, record] = useMutation(RecordOutreachRoundMutation);
  // One recipient per person (the work list has a row per open period).
  const people = [...new Map((data?.workList.edges ?? []).map(({ node: n }) => [n.youngPersonId, n])).values()];
  const all = people.length > 0 && picked.length === people.length;
  return (
    <>
      <h1>{t('rounds.title')}</h1>
      <p role="status" className="status">{status}</p>
      <ErrorMessage error={error} />
      <Section title={t('rounds.new')} id="new-round">
        <form
          aria-labelledby="new-round"
          onSubmit={(e) => {
            e.preventDefault();
            // Noon Stockholm time of the chosen day: the round's day, never in the future.
            const occurredAt = day === stockholmToday() ? new Date().toISOString() : new Date(`${day}T12:00:00`).toISOString();
            void record({ input: { youngPersonIds: picked, channel, outcome, occurredAt, note: note.trim() || null } }).then((r) => {
              if (r.error || !r.data) return;
              setStatus(t('rounds.recorded', { count: r.data.recordOutreachRound.recipientCount }));
              setPicked([]);
              setNote('');
              refetch({ requestPolicy: 'network-only' });
            });
          }}
        >
          <label>
            {t('contact.channel')}
            <select value={channel} onChange={(e) => setChannel(e.target.value as ContactChannel)}>
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
              {CONTACT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {tEnum('ContactOutcome', o)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rounds.day')}
            <input type="date" required max={stockholmToday()} value={day} onChange={(e) => setDay(e.target.value)} />
          </label>
          <label>
            {t('rounds.note')}
            <input type="text" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <fieldset>
            <legend>{t('rounds.recipients', { count: picked.length })}</legend>
            <label>
              <input type="checkbox" checked={all} onChange={(e) => setPicked(e.target.checked ? people.map((p) => p.youngPersonId) : [])} /> {t('rounds.everyone', { count: people.length })}
            </label>
            <ul className="picks">
              {people.map((p) => (
                <li key={p.youngPersonId}>
                  <label>
                    <input
                      type="checkbox"
                      checked={picked.includes(p.youngPersonId)}
                      onChange={(e) => setPicked(e.target.checked ? [...picked, p.youngPersonId] : picked.filter((x) => x !== p.youngPersonId))}
                    />{' '}
                    {p.givenName} {p.familyName}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" disabled={result.fetching || picked.length === 0}>
            {t('rounds.save')}
          </button>
          <ErrorMessage error={result.error} />
        </form>
      </Section>
      <Section title={t('rounds.list')} id="rounds">
        <table>
          <caption>{t('rounds.caption', { count: data?.outreachRounds.totalCount ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rounds.when')}</th>
              <th scope="col">{t('contact.channel')}</th>
              <th scope="col">{t('contact.outcome')}</th>
              <th scope="col">{t('rounds.recipientCount')}</th>
              <th scope="col">{t('rounds.note')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.outreachRounds.edges.map(({ node: r }) => (
              <tr key={r.id} data-testid="round-row">
                <td>{dateTime(r.occurredAt)}</td>
                <td>{tEnum('ContactChannel', r.channel)}</td>
                <td>{tEnum('ContactOutcome', r.outcome)}</td>
                <td>{r.recipientCount}</td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
