import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Permission, Role } from '../../gql/graphql';
import { useT } from '../../i18n';
import { Link } from '../../router';
import type { Me } from '../../session';
import { ErrorMessage, stockholmToday } from '../common';

const AdminUserQuery = graphql(`
  query AdminUser($id: ID!) {
    user(id: $id) {
      id
      displayName
      email
      roles
      active
      municipalityCode
      organisation {
        id
        name
        kind
      }
    }
  }
`);

// Only a municipality admin grants permissions: an organisation admin's page leaves them out.
const PermissionGrantsQuery = graphql(`
  query AdminUserPermissionGrants($id: ID!) {
    permissionGrants(userId: $id, first: 50) {
      edges {
        node {
          id
          permission
          reason
          endsOn
          grantedAt
          inForce
          revokedAt
          revokeReason
        }
      }
    }
  }
`);

const UpdateUserMutation = graphql(`
  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      roles
      active
    }
  }
`);

const GrantMutation = graphql(`
  mutation AdminGrantPermission($input: GrantPermissionInput!) {
    grantPermission(input: $input) {
      id
      permission
      endsOn
      inForce
    }
  }
`);

const RevokeMutation = graphql(`
  mutation AdminRevokePermission($input: RevokePermissionInput!) {
    revokePermission(input: $input) {
      id
      inForce
      revokedAt
      revokeReason
    }
  }
`);

export const ROLES: Role[] = ['YOUTH_COORDINATOR', 'COUNSELLOR', 'SOCIAL_WORKER', 'EMPLOYMENT_OFFICER', 'ASSOCIATION_LEADER', 'MANAGER', 'AUDITOR', 'ORG_ADMIN', 'MUNICIPALITY_ADMIN'];
// Roles only a municipality admin grants or manages (UsersService.assertMayGrant).
const MUNICIPALITY_WIDE: Role[] = ['AUDITOR', 'MUNICIPALITY_ADMIN'];
const PERMISSIONS: Permission[] = ['EMERGENCY_ACCESS', 'PROTECTED_IDENTITY'];

/**
 * MUNICIPALITY_ADMIN: one user — roles, disable/enable, and permissions granted as data.
 * ORG_ADMIN: a user of the own organisation (another's is not found), roles short of the
 * municipality-wide ones, and no permissions.
 */
export function AdminUserPage({ id, me }: { id: string; me: Me }) {
  const { t } = useT();
  const municipalityAdmin = me.roles.includes('MUNICIPALITY_ADMIN');
  const [{ data, error }] = useQuery({ query: AdminUserQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [{ data: grants }, refetch] = useQuery({ query: PermissionGrantsQuery, variables: { id }, requestPolicy: 'cache-and-network', pause: !municipalityAdmin });
  const grantable = municipalityAdmin ? ROLES : ROLES.filter((r) => !MUNICIPALITY_WIDE.includes(r));
  const [updated, update] = useMutation(UpdateUserMutation);
  const [done, setDone] = useState('');
  const user = data?.user;
  if (!user) return error ? <ErrorMessage error={error} /> : <p>{t('common.loading')}</p>;

  const setActive = async (active: boolean) => {
    setDone('');
    const res = await update({ id, input: { active } });
    if (!res.error) setDone(t(active ? 'admin.enabledDone' : 'admin.disabledDone'));
  };
  const saveRoles = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const roles = new FormData(e.currentTarget).getAll('role') as Role[];
    setDone('');
    const res = await update({ id, input: { roles } });
    if (!res.error) setDone(t('admin.rolesSaved'));
  };

  return (
    <>
      <p>
        <Link to="/admin/users">{t('admin.backToUsers')}</Link>
      </p>
      <h1>{user.displayName}</h1>
      <dl data-testid="user-details">
        <dt>{t('admin.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('admin.organisation')}</dt>
        <dd>{user.organisation.name}</dd>
        <dt>{t('admin.status')}</dt>
        <dd data-testid="user-status">{user.active ? t('admin.active') : t('admin.disabled')}</dd>
      </dl>
      <ErrorMessage error={updated.error} />
      <p role="status" className="status">
        {done}
      </p>
      {/* Disabling or demoting oneself would lock the admin out: another admin does that. */}
      {user.id === me.id ? (
        <p className="notice" data-testid="own-account">
          {t('admin.ownAccount')}
        </p>
      ) : user.roles.some((r) => !grantable.includes(r)) ? (
        <p className="notice">{t('orgAdmin.municipalityWide')}</p>
      ) : (
        <AccountControls active={user.active} roles={user.roles} grantable={grantable} onActive={(a) => void setActive(a)} onRoles={(e) => void saveRoles(e)} />
      )}
      {grants && <Permissions userId={id} grants={grants.permissionGrants.edges.map((e) => e.node)} onChange={() => refetch({ requestPolicy: 'network-only' })} />}
    </>
  );
}

function AccountControls(props: { active: boolean; roles: Role[]; grantable: Role[]; onActive: (active: boolean) => void; onRoles: (e: FormEvent<HTMLFormElement>) => void }) {
  const { t, tEnum } = useT();
  const { active, roles, grantable, onRoles, onActive } = props;
  return (
    <>
      <p>
        {active ? (
          <button type="button" onClick={() => onActive(false)}>
            {t('admin.disable')}
          </button>
        ) : (
          <button type="button" onClick={() => onActive(true)}>
            {t('admin.enable')}
          </button>
        )}{' '}
        <span className="muted">{t('admin.disableHint')}</span>
      </p>
      <form onSubmit={onRoles} key={roles.join()}>
        <fieldset>
          <legend>{t('admin.roles')}</legend>
          {grantable.map((r) => (
            <label key={r}>
              <input type="checkbox" name="role" value={r} defaultChecked={roles.includes(r)} /> {tEnum('Role', r)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('admin.saveRoles')}</button>
      </form>
    </>
  );
}

type Grant = { id: string; permission: Permission; reason: string; endsOn?: string | null; grantedAt: string; inForce: boolean; revokedAt?: string | null; revokeReason?: string | null };

function Permissions({ userId, grants, onChange }: { userId: string; grants: Grant[]; onChange: () => void }) {
  const { t, tEnum, date, dateTime } = useT();
  const [granted, grant] = useMutation(GrantMutation);
  const [revoked, revoke] = useMutation(RevokeMutation);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const onGrant = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const res = await grant({ input: { userId, permission: f.get('permission') as Permission, endsOn: String(f.get('endsOn')), reason: String(f.get('reason')).trim() } });
    if (res.error) return;
    form.reset();
    setDone(t('admin.granted'));
    onChange();
  };
  const onRevoke = async (grantId: string) => {
    const res = await revoke({ input: { grantId, reason: (reasons[grantId] ?? '').trim() } });
    if (res.error) return;
    setDone(t('admin.revoked'));
    onChange();
  };
  return (
    <section aria-labelledby="permissions">
      <h2 id="permissions">{t('admin.permissions')}</h2>
      <ErrorMessage error={granted.error ?? revoked.error} />
      <p role="status" className="status">
        {done}
      </p>
      <table data-testid="grants">
        <caption>{t('admin.grantsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.permission')}</th>
            <th scope="col">{t('admin.reason')}</th>
            <th scope="col">{t('admin.endsOn')}</th>
            <th scope="col">{t('admin.grantedAt')}</th>
            <th scope="col">{t('admin.status')}</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr key={g.id} data-testid="grant-row">
              <td>{tEnum('Permission', g.permission)}</td>
              <td>{g.reason}</td>
              <td>{date(g.endsOn)}</td>
              <td>{dateTime(g.grantedAt)}</td>
              <td>
                {g.inForce ? (
                  <form onSubmit={(e) => (e.preventDefault(), void onRevoke(g.id))}>
                    <div>{t('admin.inForce')}</div>
                    <label>
                      {t('admin.revokeReason')}
                      <input required value={reasons[g.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [g.id]: e.target.value })} />
                    </label>
                    <button type="submit">{t('admin.revoke')}</button>
                  </form>
                ) : g.revokedAt ? (
                  t('admin.revokedAt', { when: dateTime(g.revokedAt), reason: g.revokeReason ?? '' })
                ) : (
                  t('admin.ended')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void onGrant(e)} aria-labelledby="grant-title">
        <h3 id="grant-title">{t('admin.grantTitle')}</h3>
        <label>
          {t('admin.permission')}
          <select name="permission">
            {PERMISSIONS.map((p) => (
              <option key={p} value={p}>
                {tEnum('Permission', p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.endsOn')}
          <input type="date" name="endsOn" required min={stockholmToday()} />
        </label>
        <label>
          {t('admin.reason')}
          <input name="reason" required size={40} aria-describedby="grant-hint" />
        </label>
        <p id="grant-hint" className="muted">
          {t('admin.grantHint')}
        </p>
        <button type="submit">{t('admin.grant')}</button>
      </form>
    </section>
  );
}
