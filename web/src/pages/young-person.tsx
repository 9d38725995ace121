import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { KaaExitReason, MeasureType } from '../gql/graphql';
import { useT } from '../i18n';
import { Link } from '../router';
import { errorCode, type Me } from '../session';
import { ErrorMessage, Section, stockholmToday } from './common';
import { BreakTheGlass, EmergencyCountdown, useActiveEmergencyAccess, useEmergencyPermission } from './concern/emergency-access';
import { ConsentPanel } from './consents';
import { ContactForm } from './work-list';

const PersonQuery = graphql(`
  query YoungPersonPage($id: ID!) {
    youngPerson(id: $id) {
      id
      givenName
      familyName
      personalNumber
      birthDate
      age
      homeMunicipalityCode
      protectedIdentity
      contactHidden
      streetAddress
      postalCode
      city
      phone
      email
      inKaa
      known
      currentOccupation {
        id
        category
        validFrom
      }
      kaaPeriods {
        id
        entryDate
        entryReason
        exitDate
        exitReason
        open
        nextFollowUpDate
      }
      occupations {
        id
        category
        source
        validFrom
      }
      measures {
        id
        type
        provider
        status
        offeredOn
      }
      kaaPlans {
        id
        current {
          id
          goal
          description
          nextFollowUpDate
          version
        }
      }
    }
  }
`);

const PersonContactsQuery = graphql(`
  query PersonContacts($id: ID!) {
    contactAttempts(youngPersonId: $id, first: 20) {
      edges {
        node {
          id
          occurredAt
          channel
          outcome
          performedByName
        }
      }
    }
  }
`);

const PersonCasesQuery = graphql(`
  query PersonCases($id: ID!) {
    cases(youngPersonId: $id, first: 20) {
      edges {
        node {
          id
          title
          status
          leadOrganisation {
            id
            name
          }
        }
      }
    }
  }
`);

const CloseKaaPeriodMutation = graphql(`
  mutation CloseKaaPeriod($id: ID!, $input: CloseKaaPeriodInput!) {
    closeKaaPeriod(id: $id, input: $input) {
      id
      open
      exitDate
      exitReason
    }
  }
`);

const OpenKaaPeriodMutation = graphql(`
  mutation OpenKaaPeriod($input: OpenKaaPeriodInput!) {
    openKaaPeriod(input: $input) {
      id
      open
      entryDate
    }
  }
`);

const AddMeasureMutation = graphql(`
  mutation AddMeasure($input: AddMeasureInput!) {
    addMeasure(input: $input) {
      id
      type
      provider
      status
      offeredOn
    }
  }
`);

/** The roles that may send a concern report and, with the permission, break the glass (CASE_WORKING_ROLES). */
const CASE_WORKING = ['YOUTH_COORDINATOR', 'COUNSELLOR', 'SOCIAL_WORKER', 'EMPLOYMENT_OFFICER', 'ASSOCIATION_LEADER'];

const EXIT_REASONS = ['STARTED_STUDIES', 'COMPLETED_STUDIES', 'MOVED_AWAY', 'TURNED_20', 'OTHER'] as const;
const MEASURE_TYPES = ['COACHING', 'MENTORSHIP', 'INTERNSHIP', 'STUDY_CAREER_GUIDANCE', 'STUDY_VISIT', 'STUDIES_PREPARATION', 'LABOUR_OFFICE_PROGRAMME', 'ASSOCIATION_MATCHING', 'JOB_FAIR', 'SUMMER_JOB', 'OTHER'] as const;

export function YoungPersonPage({ id, me }: { id: string; me: Me }) {
  const { t, tEnum, date, dateTime } = useT();
  const coordinator = me.roles.includes('YOUTH_COORDINATOR');
  const [{ data, error }, refetch] = useQuery({ query: PersonQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [contacts, refetchContacts] = useQuery({ query: PersonContactsQuery, variables: { id }, pause: !coordinator, requestPolicy: 'cache-and-network' });
  const [cases] = useQuery({ query: PersonCasesQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [closeResult, closePeriod] = useMutation(CloseKaaPeriodMutation);
  const [openResult, openPeriod] = useMutation(OpenKaaPeriodMutation);
  const [measureResult, addMeasure] = useMutation(AddMeasureMutation);
  const [exitReason, setExitReason] = useState<KaaExitReason>('STARTED_STUDIES');
  const [measureType, setMeasureType] = useState<MeasureType>('COACHING');
  const [provider, setProvider] = useState('');
  const caseWorker = me.roles.some((r) => CASE_WORKING.includes(r));
  const emergency = useEmergencyPermission(!caseWorker);
  const opening = useActiveEmergencyAccess(id, !caseWorker);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const afterEmergency = () => {
    opening.reload();
    reload();
  };

  if (error)
    return (
      <>
        <h1>{t('emergency.personTitle')}</h1>
        <ErrorMessage error={error} />
        {errorCode(error) === 'NOT_FOUND' && emergency.allowed && <BreakTheGlass youngPersonId={id} onOpened={afterEmergency} />}
        {errorCode(error) === 'NOT_FOUND' && emergency.withheld && <p className="notice">{t('emergency.withheld')}</p>}
      </>
    );
  const p = data?.youngPerson;
  if (!p) return <p>{t('common.loading')}</p>;
  const name = `${p.givenName ?? ''} ${p.familyName ?? ''}`.trim() || t('person.nameHidden');
  const openPeriodRow = p.kaaPeriods?.find((k) => k.open);

  return (
    <>
      <h1>{name}</h1>
      {opening.open && <EmergencyCountdown access={opening.open} onEnded={afterEmergency} />}
      {coordinator && <p><Link to={`/people/${id}/extract`}>{t('extract.title')}</Link></p>}
      {caseWorker && p.age !== null && p.age !== undefined && p.age < 18 && (
        <p>
          <Link to={`/people/${id}/concern`}>{t('concern.link')}</Link>
        </p>
      )}
      <div className="grid">
        <Section title={t('person.identity')} id="identity">
          <dl>
            <dt>{t('person.personalNumber')}</dt>
            <dd>{p.personalNumber ?? t('person.hidden')}</dd>
            <dt>{t('person.birthDate')}</dt>
            <dd>{date(p.birthDate)}</dd>
            <dt>{t('person.age')}</dt>
            <dd>{p.age ?? '–'}</dd>
            <dt>{t('person.homeMunicipality')}</dt>
            <dd>{p.homeMunicipalityCode ?? '–'}</dd>
            <dt>{t('person.currentOccupation')}</dt>
            <dd>{p.currentOccupation ? `${tEnum('OccupationCategory', p.currentOccupation.category)} (${date(p.currentOccupation.validFrom)})` : t('person.unknown')}</dd>
          </dl>
        </Section>
        <Section title={t('person.contact')} id="contact">
          {p.protectedIdentity && <p className="notice">{t('person.protectedIdentity')}</p>}
          {p.contactHidden ? (
            <p data-testid="contact-masked">{t('person.contactMasked')}</p>
          ) : (
            <dl>
              <dt>{t('person.address')}</dt>
              <dd>{[p.streetAddress, p.postalCode, p.city].filter(Boolean).join(', ') || '–'}</dd>
              <dt>{t('person.phone')}</dt>
              <dd>{p.phone ?? '–'}</dd>
              <dt>{t('person.email')}</dt>
              <dd>{p.email ?? '–'}</dd>
            </dl>
          )}
        </Section>
      </div>

      {p.kaaPeriods && (
        <Section title={t('person.kaaPeriods')} id="periods">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('period.entry')}</th>
                <th scope="col">{t('period.entryReason')}</th>
                <th scope="col">{t('period.exit')}</th>
                <th scope="col">{t('period.exitReason')}</th>
                <th scope="col">{t('workList.nextFollowUp')}</th>
              </tr>
            </thead>
            <tbody>
              {p.kaaPeriods.map((k) => (
                <tr key={k.id}>
                  <td>{date(k.entryDate)}</td>
                  <td>{tEnum('KaaEntryReason', k.entryReason)}</td>
                  <td>{k.open ? t('period.open') : date(k.exitDate)}</td>
                  <td>{tEnum('KaaExitReason', k.exitReason)}</td>
                  <td>{date(k.nextFollowUpDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {openPeriodRow ? (
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                void closePeriod({ id: openPeriodRow.id, input: { exitDate: stockholmToday(), exitReason } }).then((r) => !r.error && reload());
              }}
            >
              <label>
                {t('period.exitReason')}
                <select value={exitReason} onChange={(e) => setExitReason(e.target.value as KaaExitReason)}>
                  {EXIT_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {tEnum('KaaExitReason', r)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{t('period.close')}</button>
              <ErrorMessage error={closeResult.error} />
            </form>
          ) : (
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                void openPeriod({ input: { youngPersonId: p.id, entryDate: stockholmToday(), entryReason: 'INTERRUPTED_STUDIES' } }).then((r) => !r.error && reload());
              }}
            >
              <button type="submit">{t('period.openNew')}</button>
              <ErrorMessage error={openResult.error} />
            </form>
          )}
        </Section>
      )}

      {p.occupations && (
        <Section title={t('person.occupations')} id="occupations">
          <ul>
            {p.occupations.map((o) => (
              <li key={o.id}>
                {date(o.validFrom)}: {tEnum('OccupationCategory', o.category)}
              </li>
            ))}
            {p.occupations.length === 0 && <li>{t('common.none')}</li>}
          </ul>
        </Section>
      )}

      {p.measures && (
        <Section title={t('person.measures')} id="measures">
          <ul>
            {p.measures.map((m) => (
              <li key={m.id}>
                {date(m.offeredOn)}: {tEnum('MeasureType', m.type)} · {m.provider} · {tEnum('MeasureStatus', m.status)}
              </li>
            ))}
            {p.measures.length === 0 && <li>{t('common.none')}</li>}
          </ul>
          <form
            className="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void addMeasure({ input: { youngPersonId: p.id, type: measureType, provider, offeredOn: stockholmToday(), status: 'OFFERED' } }).then((r) => {
                if (!r.error) {
                  setProvider('');
                  reload();
                }
              });
            }}
          >
            <label>
              {t('measure.type')}
              <select value={measureType} onChange={(e) => setMeasureType(e.target.value as MeasureType)}>
                {MEASURE_TYPES.map((m) => (
                  <option key={m} value={m}>
                    {tEnum('MeasureType', m)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('measure.provider')}
              <input value={provider} required onChange={(e) => setProvider(e.target.value)} />
            </label>
            <button type="submit">{t('measure.add')}</button>
            <ErrorMessage error={measureResult.error} />
          </form>
        </Section>
      )}

      {p.kaaPlans && (
        <Section title={t('person.plan')} id="plan">
          {p.kaaPlans.length === 0 && <p>{t('common.none')}</p>}
          {p.kaaPlans.map((plan) => (
            <dl key={plan.id}>
              <dt>{t('plan.goal')}</dt>
              <dd>{plan.current.goal}</dd>
              <dt>{t('plan.description')}</dt>
              <dd>{plan.current.description ?? '–'}</dd>
              <dt>{t('workList.nextFollowUp')}</dt>
              <dd>{date(plan.current.nextFollowUpDate)}</dd>
            </dl>
          ))}
        </Section>
      )}

      {coordinator && (
        <Section title={t('person.contacts')} id="contacts">
          <ContactForm youngPersonId={p.id} name={name} autoFocus={false} onDone={() => { refetchContacts({ requestPolicy: 'network-only' }); reload(); }} />
          <ul>
            {contacts.data?.contactAttempts.edges.map(({ node: c }) => (
              <li key={c.id}>
                {dateTime(c.occurredAt)}: {tEnum('ContactChannel', c.channel)} · {tEnum('ContactOutcome', c.outcome)} · {c.performedByName ?? '–'}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title={t('person.cases')} id="cases">
        <ul>
          {cases.data?.cases.edges.map(({ node: c }) => (
            <li key={c.id}>
              {c.title} · {tEnum('CaseStatus', c.status)} · {c.leadOrganisation?.name ?? '–'}
            </li>
          ))}
          {cases.data?.cases.edges.length === 0 && <li>{t('common.none')}</li>}
        </ul>
        <ErrorMessage error={cases.error} />
      </Section>

      <ConsentPanel youngPersonId={p.id} age={p.age ?? null} homeMunicipalityCode={p.homeMunicipalityCode ?? null} />
    </>
  );
}
