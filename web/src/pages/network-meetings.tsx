import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { NetworkMeetingKind } from '../gql/graphql';
import { useT } from '../i18n';
import { ErrorMessage, Section, stockholmToday } from './common';

const NetworkMeetingsQuery = graphql(`
  query NetworkMeetingsPage {
    networkMeetings(first: 50) {
      totalCount
      edges {
        node {
          id
          heldOn
          kind
          topic
          participants
          organisations
        }
      }
    }
  }
`);

const RecordNetworkMeetingMutation = graphql(`
  mutation RecordNetworkMeetingPage($input: RecordNetworkMeetingInput!) {
    recordNetworkMeeting(input: $input) {
      id
    }
  }
`);

const KINDS: NetworkMeetingKind[] = ['PROFESSIONAL', 'NETWORK'];

/** One organisation per line (or comma); blanks and repeats (in any case) dropped, the first spelling kept, as the API wants them. */
function organisationsFrom(text: string): string[] {
  const names = text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const first = new Map<string, string>();
  for (const n of names) if (!first.has(n.toLocaleLowerCase('sv-SE'))) first.set(n.toLocaleLowerCase('sv-SE'), n);
  return [...first.values()];
}

/**
 * The youth team's professional and network meetings (seeds/004: "13 people from several
 * municipalities"): recorded here, counted in the monthly report. Staff, not young people:
 * no personal data goes in.
 */
export function NetworkMeetingsPage() {
  const { t, tEnum } = useT();
  const [{ data, error }, refetch] = useQuery({ query: NetworkMeetingsQuery, requestPolicy: 'cache-and-network' });
  const [kind, setKind] = useState<NetworkMeetingKind>('NETWORK');
  const [heldOn, setHeldOn] = useState(stockholmToday());
  const [topic, setTopic] = useState('');
  const [participants, setParticipants] = useState('');
  const [organisations, setOrganisations] = useState('');
  const [status, setStatus] = useState('');
  const [result, record] = useMutation(RecordNetworkMeetingMutation);
  return (
    <>
      <h1>{t('meetings.title')}</h1>
      <p role="status" className="status">
        {status}
      </p>
      <ErrorMessage error={error} />
      <Section title={t('meetings.new')} id="new-meeting">
        <p>{t('meetings.noPersonalData')}</p>
        <form
          aria-labelledby="new-meeting"
          onSubmit={(e) => {
            e.preventDefault();
            const input = { kind, heldOn, topic: topic.trim(), participants: Number(participants), organisations: organisationsFrom(organisations) };
            void record({ input }).then((r) => {
              if (r.error || !r.data) return;
              setStatus(t('meetings.recorded'));
              setTopic('');
              setParticipants('');
              setOrganisations('');
              refetch({ requestPolicy: 'network-only' });
            });
          }}
        >
          <label>
            {t('meetings.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as NetworkMeetingKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {tEnum('NetworkMeetingKind', k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('meetings.heldOn')}
            <input type="date" required max={stockholmToday()} value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
          </label>
          <label>
            {t('meetings.topic')}
            <input type="text" required maxLength={200} value={topic} onChange={(e) => setTopic(e.target.value)} />
          </label>
          <label>
            {t('meetings.participants')}
            <input type="number" required min={1} max={10000} value={participants} onChange={(e) => setParticipants(e.target.value)} />
          </label>
          <label>
            {t('meetings.organisations')}
            <textarea required rows={3} value={organisations} onChange={(e) => setOrganisations(e.target.value)} />
          </label>
          <button type="submit" disabled={result.fetching}>
            {t('meetings.save')}
          </button>
          <ErrorMessage error={result.error} />
        </form>
      </Section>
      <Section title={t('meetings.list')} id="meetings">
        <table>
          <caption>{t('meetings.caption', { count: data?.networkMeetings.totalCount ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.heldOn')}</th>
              <th scope="col">{t('meetings.kind')}</th>
              <th scope="col">{t('meetings.topic')}</th>
              <th scope="col">{t('meetings.participants')}</th>
              <th scope="col">{t('meetings.organisationsColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {(data?.networkMeetings.edges ?? []).map(({ node: m }) => (
              <tr key={m.id} data-testid="meeting-row">
                <td>{m.heldOn}</td>
                <td>{tEnum('NetworkMeetingKind', m.kind)}</td>
                <td>{m.topic}</td>
                <td>{m.participants}</td>
                <td>{m.organisations.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
