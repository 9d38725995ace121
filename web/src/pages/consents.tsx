import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { missingConsent } from '../../../src/consent/consent-policy';
import { graphql } from '../gql';
import type { ConsentGiver, ConsentMethod, InformationCategory } from '../gql/graphql';
import { useT } from '../i18n';
import { Link } from '../router';
import { ErrorMessage, Section, stockholmToday } from './common';

export const ConsentFields = graphql(`
  fragment ConsentFields on Consent {
    id
    youngPersonId
    purpose
    state
    givenBy
    method
    categories
    validFrom
    validUntil
    withdrawnAt
    recipients {
      id
      name
    }
    documentedByOrganisation {
      id
      name
    }
  }
`);

const ConsentsQuery = graphql(`
  query Consents($youngPersonId: ID) {
    consents(youngPersonId: $youngPersonId, inForce: true, first: 50) {
      edges {
        node {
          ...ConsentFields
        }
      }
    }
  }
`);

const ConsentFormQuery = graphql(`
  query ConsentForm($municipalityCode: String) {
    consentPolicy {
      municipalityCode
      ownConsentFromAge
      guardianAlsoRequired
      bothGuardiansRequired
    }
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

const RecordConsentMutation = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      ...ConsentFields
    }
  }
`);

const WithdrawConsentMutation = graphql(`
  mutation WithdrawConsent($id: ID!, $input: WithdrawConsentInput!) {
    withdrawConsent(id: $id, input: $input) {
      ...ConsentFields
    }
  }
`);

const GIVERS = ['YOUNG_PERSON', 'ONE_GUARDIAN', 'BOTH_GUARDIANS'] as const;
const METHODS = ['WRITTEN', 'DIGITAL', 'ORAL'] as const;
const CATEGORIES = ['IDENTITY', 'CONTACT', 'SCHOOL', 'SOCIAL', 'EMPLOYMENT', 'HEALTH', 'ACTIVITIES'] as const;

/** Every consent in force the caller may see. */
export function ConsentsPage() {
  const { t } = useT();
  return (
    <>
      <h1>{t('consent.titleAll')}</h1>
      <ConsentList youngPersonId={null} />
    </>
  );
}

function ConsentList({ youngPersonId }: { youngPersonId: string | null }) {
  const { t, tEnum, date } = useT();
  const [{ data, error }, refetch] = useQuery({ query: ConsentsQuery, variables: { youngPersonId }, requestPolicy: 'cache-and-network' });
  const [withdrawn, withdraw] = useMutation(WithdrawConsentMutation);
  const rows = data?.consents.edges.map((e) => e.node) ?? [];
  return (
    <>
      <ErrorMessage error={error ?? withdrawn.error} />
      {data && rows.length === 0 && <p>{t('consent.none')}</p>}
      <ul className="cards">
        {rows.map((c) => (
          <li key={c.id} data-testid="consent">
            <h3>{c.purpose}</h3>
            <p>
              {t('consent.givenBy')}: {c.givenBy.map((g) => tEnum('ConsentGiver', g)).join(', ')} · {tEnum('ConsentMethod', c.method)} · {tEnum('ConsentState', c.state)}
            </p>
            <p>
              {t('consent.categories')}: {c.categories.map((x) => tEnum('InformationCategory', x)).join(', ')}
            </p>
            <p>
              {t('consent.recipients')}: {c.recipients.map((r) => r.name).join(', ')}
            </p>
            <p>
              {t('consent.valid')}: {date(c.validFrom)} – {date(c.validUntil)}
            </p>
            {!youngPersonId && <Link to={`/people/${c.youngPersonId}`}>{t('consent.openPerson')}</Link>}{' '}
            <button
              type="button"
              onClick={() => void withdraw({ id: c.id, input: { withdrawnBy: 'YOUNG_PERSON' } }).then((r) => !r.error && refetch({ requestPolicy: 'network-only' }))}
            >
              {t('consent.withdraw')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A person's consents in force, and a form to record one with the age policy's verdict. */
export function ConsentPanel({ youngPersonId, age, homeMunicipalityCode }: { youngPersonId: string; age: number | null; homeMunicipalityCode: string | null }) {
  const { t, tEnum } = useT();
  const [form] = useQuery({ query: ConsentFormQuery, variables: { municipalityCode: homeMunicipalityCode } });
  const [saved, record] = useMutation(RecordConsentMutation);
  const [givenBy, setGivenBy] = useState<ConsentGiver[]>(['YOUNG_PERSON']);
  const [method, setMethod] = useState<ConsentMethod>('WRITTEN');
  const [purpose, setPurpose] = useState('');
  const [categories, setCategories] = useState<InformationCategory[]>(['IDENTITY', 'CONTACT']);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [validUntil, setValidUntil] = useState(() => `${Number(stockholmToday().slice(0, 4)) + 1}${stockholmToday().slice(4)}`);
  const [listKey, setListKey] = useState(0);
  const policy = form.data?.consentPolicy;
  const missing = policy && age !== null ? missingConsent(givenBy, age, policy) : null;
  const samePolicy = policy?.municipalityCode === homeMunicipalityCode;
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));

  return (
    <Section title={t('consent.title')} id="consents">
      <ConsentList key={listKey} youngPersonId={youngPersonId} />
      <form
        className="consent-form"
        aria-labelledby="record-consent"
        onSubmit={(e) => {
          e.preventDefault();
          void record({
            input: { youngPersonId, givenBy, method, purpose, categories, recipientOrganisationIds: recipients, validUntil: new Date(`${validUntil}T00:00:00`).toISOString() },
          }).then((r) => {
            if (!r.error) {
              setPurpose('');
              setListKey((k) => k + 1);
            }
          });
        }}
      >
        <h3 id="record-consent">{t('consent.record')}</h3>
        <fieldset>
          <legend>{t('consent.givenBy')}</legend>
          {GIVERS.map((g) => (
            <label key={g}>
              <input type="checkbox" checked={givenBy.includes(g)} onChange={(e) => setGivenBy(toggle(givenBy, g, e.target.checked))} /> {tEnum('ConsentGiver', g)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('consent.method')}
          <select value={method} onChange={(e) => setMethod(e.target.value as ConsentMethod)}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {tEnum('ConsentMethod', m)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('consent.purpose')}
          <input value={purpose} required onChange={(e) => setPurpose(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('consent.recipients')}</legend>
          {form.data?.organisationDirectory.edges.map(({ node: o }) => (
            <label key={o.id}>
              <input type="checkbox" checked={recipients.includes(o.id)} onChange={(e) => setRecipients(toggle(recipients, o.id, e.target.checked))} /> {o.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('consent.categories')}</legend>
          {CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" checked={categories.includes(c)} onChange={(e) => setCategories(toggle(categories, c, e.target.checked))} /> {tEnum('InformationCategory', c)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('consent.validUntil')}
          <input type="date" value={validUntil} required onChange={(e) => setValidUntil(e.target.value)} />
        </label>
        {missing && (
          <p role="status" data-testid="consent-verdict" className={missing.length ? 'error' : 'ok'}>
            {missing.length
              ? t('consent.verdictInsufficient', { age: age ?? 0, from: policy!.ownConsentFromAge })
              : t('consent.verdictSufficient', { age: age ?? 0 })}
            {!samePolicy && ` ${t('consent.verdictOtherMunicipality')}`}
          </p>
        )}
        <button type="submit" disabled={saved.fetching || recipients.length === 0}>
          {t('consent.save')}
        </button>
        <ErrorMessage error={saved.error} />
      </form>
    </Section>
  );
}
