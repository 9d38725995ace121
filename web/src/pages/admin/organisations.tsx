import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { OrganisationKind } from '../../gql/graphql';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { ErrorMessage } from '../common';
import { AdminOrganisationsQuery } from './users';

const CreateOrganisationMutation = graphql(`
  mutation AdminCreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
      kind
      municipalityCode
      contactPoint
    }
  }
`);

const KINDS: OrganisationKind[] = ['YOUTH_TEAM', 'SCHOOL', 'SOCIAL_SERVICES', 'LABOUR_OFFICE', 'YOUTH_CLINIC', 'ASSOCIATION', 'OTHER'];

/** MUNICIPALITY_ADMIN: the organisations of the own municipality, each with a link to its users. */
export function AdminOrganisationsPage() {
  const { t, tEnum } = useT();
  const [{ data, error }, refetch] = useQuery({ query: AdminOrganisationsQuery, requestPolicy: 'cache-and-network' });
  const [created, create] = useMutation(CreateOrganisationMutation);
  const [done, setDone] = useState('');
  const rows = data?.organisations.edges.map((e) => e.node) ?? [];
  const onCreate = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const contactPoint = String(f.get('contactPoint')).trim();
    const res = await create({ input: { name: String(f.get('name')).trim(), kind: f.get('kind') as OrganisationKind, ...(contactPoint ? { contactPoint } : {}) } });
    if (res.error) return;
    form.reset();
    setDone(t('admin.organisationCreated', { name: res.data?.createOrganisation.name ?? '' }));
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <h1>{t('admin.organisationsTitle')}</h1>
      <ErrorMessage error={error} />
      <table data-testid="organisations">
        <caption>{t('admin.organisationsCaption', { count: data?.organisations.totalCount ?? 0 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.kind')}</th>
            <th scope="col">{t('admin.municipalityCode')}</th>
            <th scope="col">{t('admin.contactPoint')}</th>
            <th scope="col">{t('admin.users')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id} data-testid="organisation-row">
              <td>{o.name}</td>
              <td>{tEnum('OrganisationKind', o.kind)}</td>
              <td>{o.municipalityCode}</td>
              <td>{o.contactPoint ?? '–'}</td>
              <td>
                <Link to={`/admin/users?organisation=${o.id}`} aria-label={t('admin.usersOf', { name: o.name })}>
                  {t('admin.users')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void onCreate(e)} aria-labelledby="new-org">
        <h2 id="new-org">{t('admin.newOrganisation')}</h2>
        <label>
          {t('admin.name')}
          <input name="name" required size={40} />
        </label>
        <label>
          {t('admin.kind')}
          <select name="kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {tEnum('OrganisationKind', k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.contactPoint')}
          <input name="contactPoint" size={30} />
        </label>
        <button type="submit">{t('admin.createOrganisation')}</button>
      </form>
      <ErrorMessage error={created.error} />
      <p role="status" className="status">
        {done}
      </p>
    </>
  );
}
