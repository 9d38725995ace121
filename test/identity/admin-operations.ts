import { randomBytes } from 'node:crypto';
import { GqlResult, TestApp } from '../support/test-app';

/** The eight administration operations, as a client would send them. */
export function adminOperations(t: TestApp, token: string) {
  return {
    organisations: (args: Record<string, unknown> = {}) =>
      t.gql(
        `query($kind: OrganisationKind, $first: Int) {
          organisations(kind: $kind, first: $first) { totalCount edges { node { id name municipalityCode } } }
        }`,
        args,
        token,
      ),
    organisation: (id: string) =>
      t.gql(`query($id: ID!) { organisation(id: $id) { id name } }`, { id }, token),
    createOrganisation: (input: Record<string, unknown>) =>
      t.gql(
        `mutation($input: CreateOrganisationInput!) {
          createOrganisation(input: $input) { id name kind municipalityCode }
        }`,
        { input },
        token,
      ),
    updateOrganisation: (id: string, input: Record<string, unknown>) =>
      t.gql(
        `mutation($id: ID!, $input: UpdateOrganisationInput!) {
          updateOrganisation(id: $id, input: $input) { id name kind }
        }`,
        { id, input },
        token,
      ),
    users: (args: Record<string, unknown> = {}) =>
      t.gql(
        `query($organisationId: ID, $active: Boolean, $first: Int, $after: String) {
          users(organisationId: $organisationId, active: $active, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { node { id organisationId municipalityCode } }
          }
        }`,
        args,
        token,
      ),
    user: (id: string) =>
      t.gql(`query($id: ID!) { user(id: $id) { id email roles active } }`, { id }, token),
    createUser: (input: Record<string, unknown>) =>
      t.gql(
        `mutation($input: CreateUserInput!) {
          createUser(input: $input) { id email roles organisationId municipalityCode active }
        }`,
        { input },
        token,
      ),
    updateUser: (id: string, input: Record<string, unknown>) =>
      t.gql(
        `mutation($id: ID!, $input: UpdateUserInput!) {
          updateUser(id: $id, input: $input) { id displayName roles active }
        }`,
        { id, input },
        token,
      ),
  };
}

export function newUserInput(organisationId: string, roles: string[] = ['COUNSELLOR']) {
  return {
    organisationId,
    email: `new-${randomBytes(5).toString('hex')}@test.example`,
    displayName: 'New Colleague',
    roles,
    password: 'a long enough password',
  };
}

export function codeOf(res: GqlResult<unknown>): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export function idsOf(res: GqlResult<any>, field: string): string[] {
  return (res.data?.[field]?.edges ?? []).map((e: { node: { id: string } }) => e.node.id);
}
