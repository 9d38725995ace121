import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { Link, navigate, useLocation } from '../../router';
import type { Me } from '../../session';
import { ErrorMessage } from '../common';

const AdminUsersQuery = graphql(`
  query AdminUsers($active: Boolean, $organisationId: ID, $after: String) {
    users(first: 50, active: $active, organisationId: $organisationId, after: $after) {
      totalCount
      edges {
        node {
          id
          displayName
          email
          roles
          active
          organisation {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AdminOrganisationsQuery = graphql(`
  query AdminOrganisations {
    organisations(first: 100) {
      totalCount
      edges {
        node {
          id
          name
          kind
          municipalityCode
          contactPoint
        }
      }
    }
  }
`);

type Shown = 'active' | 'all' | 'disabled';
// users(active: null) lists everyone, as no filter does.
const ACTIVE: Record<Shown, boolean | null> = { active: true, all: null, disabled: false };

/**
 * MUNICIPALITY_ADMIN: the users of the own municipality, by status and organisation
 * (?organisation=id). ORG_ADMIN: the same screen, and the API lists only the own organisation.
 */
export function AdminUsersPage({ me }: { me: Me }) {
  const { t, tEnum } = useT();
  const { query } = useLocation();
  const organisationId = query.get('organisation') || null;
  const [shown, setShown] = useState<Shown>('active');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [{ data: orgs }] = useQuery({ query: AdminOrganisationsQuery });
  const [{ data, error, fetching }] = useQuery({
    query: AdminUsersQuery,
    variables: { active: ACTIVE[shown], organisationId, after: cursors[cursors.length - 1] },
    requestPolicy: 'cache-and-network',
  });
  const rows = data?.users.edges.map((e) => e.node) ?? [];
  return (
    <>
      <h1>{t(me.roles.includes('MUNICIPALITY_ADMIN') ? 'admin.usersTitle' : 'orgAdmin.usersTitle')}</h1>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('admin.show')}
          <select value={shown} onChange={(e) => (setShown(e.target.value as Shown), setCursors([null]))}>
            <option value="active">{t('admin.showActive')}</option>
            <option value="all">{t('admin.showAll')}</option>
            <option value="disabled">{t('admin.showDisabled')}</option>
          </select>
        </label>
        <label>
          {t('admin.organisation')}
          <select
            value={organisationId ?? ''}
            onChange={(e) => (navigate(e.target.value ? `/admin/users?organisation=${e.target.value}` : '/admin/users'), setCursors([null]))}
          >
            <option value="">{t('admin.anyOrganisation')}</option>
            {orgs?.organisations.edges.map(({ node: o }) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorMessage error={error} />
      <p role="status" className="status" data-testid="users-total">
        {data && !fetching ? t('admin.usersTotal', { count: data.users.totalCount }) : ''}
      </p>
      <table aria-busy={fetching} data-testid="users-table">
        <caption>{t('admin.usersCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.email')}</th>
            <th scope="col">{t('admin.organisation')}</th>
            <th scope="col">{t('admin.roles')}</th>
            <th scope="col">{t('admin.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <td>
                <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link>
              </td>
              <td>{u.email}</td>
              <td>{u.organisation.name}</td>
              <td>{u.roles.map((r) => tEnum('Role', r)).join(', ')}</td>
              <td>{u.active ? t('admin.active') : t('admin.disabled')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('admin.previous')}
        </button>
        <button type="button" disabled={!data?.users.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, data?.users.pageInfo.endCursor ?? null])}>
          {t('admin.next')}
        </button>
      </div>
    </>
  );
}
