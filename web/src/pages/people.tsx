import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { Link } from '../router';
import { ErrorMessage } from './common';

const PeopleQuery = graphql(`
  query People($search: String) {
    youngPeople(first: 50, search: $search) {
      edges {
        node {
          id
          givenName
          familyName
          age
          homeMunicipalityCode
        }
      }
    }
  }
`);

/** The young people the caller may see (row-level security decides). */
export function PeoplePage() {
  const { t } = useT();
  const [search, setSearch] = useState('');
  const [{ data, error }] = useQuery({ query: PeopleQuery, variables: { search: search || null }, requestPolicy: 'cache-and-network' });
  const rows = data?.youngPeople.edges.map((e) => e.node) ?? [];
  return (
    <>
      <h1>{t('people.title')}</h1>
      <label>
        {t('people.search')} <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <ErrorMessage error={error} />
      {data && rows.length === 0 && <p data-testid="people-empty">{t('people.none')}</p>}
      <ul data-testid="people">
        {rows.map((p) => (
          <li key={p.id}>
            <Link to={`/people/${p.id}`}>{`${p.givenName ?? ''} ${p.familyName ?? ''}`.trim() || t('person.nameHidden')}</Link> · {p.age ?? '–'} · {p.homeMunicipalityCode ?? '–'}
          </li>
        ))}
      </ul>
    </>
  );
}
