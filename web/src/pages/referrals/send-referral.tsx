import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InformationCategory, OrganisationKind, ReferralPurpose } from '../../gql/graphql';
import { useT } from '../../i18n';
import type { Me } from '../../session';
import { ErrorMessage, stockholmToday } from '../common';

const ReceiversQuery = graphql(`
  query ReferralReceivers($municipalityCode: String!) {
    organisationDirectory(municipalityCode: $municipalityCode, first: 100) {
      edges {
        node {
          id
          name
          kind
        }
      }
    }
  }
`);

// The API's own answer (the consents sendReferral checks): the sender cannot see every consent naming the receiver.
const CategoriesQuery = graphql(`
  query ReferralCategories($caseId: ID!, $to: ID!) {
    referralCategories(caseId: $caseId, receiverOrganisationId: $to)
  }
`);

const SendMutation = graphql(`
  mutation SendReferral($input: SendReferralInput!) {
    sendReferral(input: $input) {
      id
      state
      sharedCategories
      responseDueDate
    }
  }
`);

/** Which purposes go to which kind of receiver (as src/referrals/referral.enums.ts RECEIVER_KINDS). */
const PURPOSES: Record<ReferralPurpose, OrganisationKind[]> = {
  UTBILDNINGSKONTRAKT: ['LABOUR_OFFICE'],
  EXTRATJANST: ['LABOUR_OFFICE'],
  LONESTOD: ['LABOUR_OFFICE'],
  LABOUR_OFFICE_OTHER: ['LABOUR_OFFICE'],
  SOCIAL_SUPPORT: ['SOCIAL_SERVICES'],
  ASSOCIATION_ACTIVITY: ['ASSOCIATION'],
  YOUTH_CLINIC: ['YOUTH_CLINIC'],
  RETURN_TO_SCHOOL: ['SCHOOL', 'YOUTH_TEAM'],
  GUIDANCE: ['SCHOOL', 'YOUTH_TEAM', 'LABOUR_OFFICE'],
};

function inDays(n: number): string {
  const d = new Date(`${stockholmToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Send a referral from a case to an organisation of the case's municipality: the categories offered are only those a consent in force covers for the chosen receiver. */
export function SendReferralForm({ caseId, municipalityCode, me, onSent }: { caseId: string; municipalityCode: string; me: Me; onSent: () => void }) {
  const { t, tEnum } = useT();
  const [to, setTo] = useState('');
  const [purpose, setPurpose] = useState<ReferralPurpose | ''>('');
  const [activity, setActivity] = useState('');
  const [due, setDue] = useState(inDays(14));
  const [picked, setPicked] = useState<InformationCategory[]>([]);
  const [bodies, setBodies] = useState<Partial<Record<InformationCategory, string>>>({});
  const [receivers] = useQuery({ query: ReceiversQuery, variables: { municipalityCode } });
  const [offered] = useQuery({ query: CategoriesQuery, variables: { caseId, to }, pause: !to, requestPolicy: 'network-only' });
  const [sent, send] = useMutation(SendMutation);
  const orgs = (receivers.data?.organisationDirectory.edges.map((e) => e.node) ?? []).filter((o) => o.id !== me.organisation.id);
  const receiver = orgs.find((o) => o.id === to);
  const purposes = (Object.keys(PURPOSES) as ReferralPurpose[]).filter((p) => receiver && PURPOSES[p].includes(receiver.kind));
  const categories = to ? (offered.data?.referralCategories ?? []) : [];
  const choose = (id: string) => {
    setTo(id);
    setPicked([]);
    setPurpose('');
  };
  return (
    <section aria-labelledby="send-referral">
      <h2 id="send-referral">{t('referrals.send')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!purpose || !picked.length) return;
          const sections = picked.filter((c) => bodies[c]?.trim()).map((c) => ({ category: c, body: bodies[c]!.trim() }));
          void send({
            input: { caseId, receiverOrganisationId: to, purpose, responseDueDate: due, sharedCategories: picked, sections, activity: activity || null },
          }).then((res) => {
            if (res.error) return;
            choose('');
            setBodies({});
            onSent();
          });
        }}
      >
        <label>
          {t('referrals.receiver')}
          <select required value={to} onChange={(e) => choose(e.target.value)}>
            <option value="">{t('referrals.chooseReceiver')}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('referrals.purpose')}
          <select required value={purpose} disabled={!receiver} onChange={(e) => setPurpose(e.target.value as ReferralPurpose)}>
            <option value="">{t('referrals.choosePurpose')}</option>
            {purposes.map((p) => (
              <option key={p} value={p}>
                {tEnum('ReferralPurpose', p)}
              </option>
            ))}
          </select>
        </label>
        {purpose === 'ASSOCIATION_ACTIVITY' && (
          <label>
            {t('referrals.activity')}
            <input required value={activity} onChange={(e) => setActivity(e.target.value)} />
          </label>
        )}
        <label>
          {t('referrals.answerBy')}
          <input type="date" required min={stockholmToday()} value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        {to && offered.data && (
          <fieldset data-testid="referral-categories">
            <legend>{t('referrals.categories')}</legend>
            {categories.length === 0 && <p>{t('referrals.noConsent')}</p>}
            {categories.map((c) => (
              <label key={c}>
                <input
                  type="checkbox"
                  checked={picked.includes(c)}
                  onChange={(e) => setPicked(e.target.checked ? [...picked, c] : picked.filter((p) => p !== c))}
                />{' '}
                {tEnum('InformationCategory', c)}
              </label>
            ))}
            {picked.map((c) => (
              <label key={c} className="wide">
                {t('referrals.sectionText', { category: tEnum('InformationCategory', c) })}
                <textarea rows={2} value={bodies[c] ?? ''} onChange={(e) => setBodies({ ...bodies, [c]: e.target.value })} />
              </label>
            ))}
          </fieldset>
        )}
        <ErrorMessage error={offered.error ?? sent.error} />
        <button type="submit" disabled={!purpose || !picked.length || sent.fetching}>
          {t('referrals.sendButton')}
        </button>
      </form>
    </section>
  );
}
