import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { useT } from '../../i18n';
import { ErrorMessage } from '../common';
import { AdminOrganisationsQuery } from './users';
import { ROLES } from './user';

const ProvidersQuery = graphql(`
  query AdminIdentityProviders {
    identityProviders {
      id
      issuer
      clientId
      subjectClaim
      groupClaim
      configuredByAdmin
      loginUrl
      callbackUrl
      groups {
        group
        organisationId
        roles
        permissions
      }
    }
  }
`);

const ConfigureMutation = graphql(`
  mutation AdminConfigureIdentityProvider($input: ConfigureIdentityProviderInput!) {
    configureIdentityProvider(input: $input) {
      id
      issuer
      clientId
      subjectClaim
      groupClaim
      configuredByAdmin
      loginUrl
      callbackUrl
      groups {
        group
        organisationId
        roles
        permissions
      }
    }
  }
`);

const RemoveMutation = graphql(`
  mutation AdminRemoveIdentityProvider($id: String!) {
    removeIdentityProvider(id: $id)
  }
`);

/**
 * MUNICIPALITY_ADMIN: the own municipality's sign-in providers (OpenID Connect). A new one
 * takes one group mapping here; the client secret goes in once and is never shown again.
 */
export function AdminIdentityProvidersPage() {
  const { t, tEnum } = useT();
  const [{ data, error }, refetch] = useQuery({ query: ProvidersQuery, requestPolicy: 'cache-and-network' });
  const [{ data: orgs }] = useQuery({ query: AdminOrganisationsQuery });
  const [configured, configure] = useMutation(ConfigureMutation);
  const [removed, remove] = useMutation(RemoveMutation);
  const [done, setDone] = useState('');
  const orgName = new Map(orgs?.organisations.edges.map(({ node: o }) => [o.id, o.name]) ?? []);
  const providers = data?.identityProviders ?? [];

  const onConfigure = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const res = await configure({
      input: {
        id: text('id'),
        issuer: text('issuer'),
        clientId: text('clientId'),
        clientSecret: text('clientSecret') || null,
        subjectClaim: text('subjectClaim') || null,
        groupClaim: text('groupClaim') || null,
        groups: text('group') ? [{ group: text('group'), organisationId: text('organisationId'), roles: f.getAll('role') as Role[] }] : [],
      },
    });
    if (res.error) return;
    form.reset();
    setDone(t('admin.providerSaved', { id: res.data?.configureIdentityProvider.id ?? '' }));
    refetch({ requestPolicy: 'network-only' });
  };
  const onRemove = async (id: string) => {
    const res = await remove({ id });
    if (res.error) return;
    setDone(t('admin.providerRemoved', { id }));
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <>
      <h1>{t('admin.providersTitle')}</h1>
      <p>{t('admin.providersIntro')}</p>
      <ErrorMessage error={error ?? removed.error} />
      <p role="status" className="status">
        {done}
      </p>
      {data && providers.length === 0 && <p>{t('admin.noProviders')}</p>}
      <ul className="cards">
        {providers.map((p) => (
          <li key={p.id} data-testid="identity-provider">
            <h2 className="card-title">{p.id}</h2>
            <dl>
              <dt>{t('admin.issuer')}</dt>
              <dd>{p.issuer}</dd>
              <dt>{t('admin.clientId')}</dt>
              <dd>{p.clientId}</dd>
              <dt>{t('admin.claims')}</dt>
              <dd>
                {p.subjectClaim}
                {p.groupClaim ? ` · ${p.groupClaim}` : ''}
              </dd>
              <dt>{t('admin.loginUrl')}</dt>
              <dd>
                <code>{p.loginUrl}</code>
              </dd>
              <dt>{t('admin.callbackUrl')}</dt>
              <dd>
                <code>{p.callbackUrl}</code>
              </dd>
              <dt>{t('admin.groups')}</dt>
              <dd>
                {p.groups.length === 0
                  ? '–'
                  : p.groups.map((g) => (
                      <div key={g.group}>
                        <code>{g.group}</code> → {orgName.get(g.organisationId) ?? g.organisationId}: {[...g.roles.map((r) => tEnum('Role', r)), ...g.permissions.map((x) => tEnum('Permission', x))].join(', ')}
                      </div>
                    ))}
              </dd>
            </dl>
            {p.configuredByAdmin ? (
              <button type="button" onClick={() => void onRemove(p.id)} aria-label={t('admin.removeProvider', { id: p.id })}>
                {t('admin.remove')}
              </button>
            ) : (
              <p className="muted">{t('admin.fromConfiguration')}</p>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void onConfigure(e)} aria-labelledby="new-provider">
        <h2 id="new-provider">{t('admin.newProvider')}</h2>
        <label>
          {t('admin.providerId')}
          <input name="id" required pattern="[a-z0-9\-]+" maxLength={40} aria-describedby="provider-id-hint" />
        </label>
        <label>
          {t('admin.issuer')}
          <input name="issuer" type="url" required size={50} />
        </label>
        <label>
          {t('admin.clientId')}
          <input name="clientId" required size={38} />
        </label>
        <label>
          {t('admin.clientSecret')}
          <input name="clientSecret" type="password" autoComplete="off" />
        </label>
        <label>
          {t('admin.subjectClaim')}
          <input name="subjectClaim" placeholder="sub" />
        </label>
        <label>
          {t('admin.groupClaim')}
          <input name="groupClaim" />
        </label>
        <p id="provider-id-hint" className="muted">
          {t('admin.providerIdHint')}
        </p>
        <fieldset>
          <legend>{t('admin.groupMapping')}</legend>
          <label>
            {t('admin.group')}
            <input name="group" size={38} />
          </label>
          <label>
            {t('admin.organisation')}
            <select name="organisationId">
              {orgs?.organisations.edges.map(({ node: o }) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          {ROLES.map((r) => (
            <label key={r}>
              <input type="checkbox" name="role" value={r} /> {tEnum('Role', r)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('admin.saveProvider')}</button>
      </form>
      <ErrorMessage error={configured.error} />
    </>
  );
}
