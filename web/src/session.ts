import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { graphql } from './gql';
import type { MeFieldsFragment } from './gql/graphql';

/**
 * The session: the access token lives in this module's memory only (a reload renews it
 * from the refresh cookie, which is httpOnly: this code never sees it). The session renews
 * itself a minute before the access token expires.
 */
export const MeFields = graphql(`
  fragment MeFields on User {
    id
    displayName
    email
    roles
    municipalityCode
    organisation {
      id
      name
      kind
    }
  }
`);

const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      accessTokenExpiresAt
      user {
        ...MeFields
      }
    }
  }
`);

const RefreshMutation = graphql(`
  mutation Refresh {
    refreshSession {
      accessToken
      accessTokenExpiresAt
      user {
        ...MeFields
      }
    }
  }
`);

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export type Me = MeFieldsFragment;

let accessToken: string | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let ws: WsClient | undefined;
const listeners = new Set<(me: Me | null) => void>();

export function onSessionChange(listener: (me: Me | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function wsClient(): WsClient {
  ws ??= createWsClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: true,
    connectionParams: () => ({ authorization: `Bearer ${accessToken ?? ''}` }),
  });
  return ws;
}

/** A new client (and cache) per session, so nothing of one user is shown to the next. */
function newClient(): Client {
  return new Client({
    url: '/graphql',
    // POST only: Apollo's CSRF prevention refuses a GET without a preflighted header.
    preferGetMethod: false,
    // Same origin: the refresh cookie goes with the session mutations only (path /graphql).
    fetchOptions: () => ({
      credentials: 'same-origin',
      headers: (accessToken ? { authorization: `Bearer ${accessToken}` } : {}) as Record<string, string>,
    }),
    exchanges: [
      cacheExchange({
        keys: {
          // Rows and figures without an id of their own are embedded in their parent.
          WorkListItem: (d) => (d.kaaPeriodId as string) ?? null,
          PageInfo: () => null,
          AuthPayload: () => null,
          MonthlyReport: () => null,
          ActivityAttendance: () => null,
          MonthlyReportMonth: () => null,
          MonthlyReportCsv: () => null,
          SchoolFigures: () => null,
          SchoolFiguresMonth: () => null,
          ConsentPolicy: (d) => (d.municipalityCode as string) ?? null,
          RiskFlagConsent: (d) => (d.consentId as string) ?? null,
          MarkNotificationsReadResult: () => null,
          YoungPeopleImportResult: () => null,
          ImportProblem: () => null,
          SignInStatus: () => null,
          TotpEnrolment: () => null,
          RecoveryCodes: () => null,
          RetentionSettings: (d) => (d.municipalityCode as string) ?? null,
          StaffWorkPreview: () => null,
          StaffWorkReassignment: () => null,
          IdentityProviderGroup: () => null,
          // A referral's person shows what that referral's consent allows: embedded, never merged by person id.
          ReferralPerson: () => null,
          ReferralSection: () => null,
          ReferralTransition: () => null,
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: wsClient().subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  });
}

export let client = newClient();

/** The error code of a failed operation (GraphQL extensions.code), for the messages. */
export function errorCode(error: { graphQLErrors?: { extensions?: Record<string, unknown> }[]; networkError?: unknown } | undefined): string | undefined {
  if (!error) return undefined;
  const code = error.graphQLErrors?.[0]?.extensions?.code;
  if (typeof code === 'string') return code;
  return error.networkError ? 'NETWORK_ERROR' : 'INTERNAL_SERVER_ERROR';
}

function started(token: string, expiresAt: string, me: Me): Me {
  accessToken = token;
  clearTimeout(renewTimer);
  const renewIn = Math.max(5_000, new Date(expiresAt).getTime() - Date.now() - 60_000);
  renewTimer = setTimeout(() => void renew(), renewIn);
  listeners.forEach((l) => l(me));
  return me;
}

function ended(): null {
  accessToken = null;
  clearTimeout(renewTimer);
  void ws?.dispose();
  ws = undefined;
  client = newClient();
  listeners.forEach((l) => l(null));
  return null;
}

export class SessionError extends Error {
  constructor(
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

/** secondFactor: the authenticator app's code or a recovery code, once the server asks for it. */
export async function login(email: string, password: string, secondFactor?: string): Promise<Me> {
  const input = secondFactor ? { email, password, secondFactor } : { email, password };
  const res = await client.mutation(LoginMutation, { input }).toPromise();
  const payload = res.data?.login;
  if (!payload) {
    const details = res.error?.graphQLErrors?.[0]?.extensions?.details;
    throw new SessionError(errorCode(res.error) ?? 'UNAUTHENTICATED', details as Record<string, unknown>);
  }
  return started(payload.accessToken, payload.accessTokenExpiresAt, payload.user);
}

/** Renews the session from the refresh cookie; null when there is none (or it was refused). */
export async function renew(): Promise<Me | null> {
  const res = await client.mutation(RefreshMutation, {}).toPromise();
  const payload = res.data?.refreshSession;
  return payload ? started(payload.accessToken, payload.accessTokenExpiresAt, payload.user) : ended();
}

export async function logout(): Promise<void> {
  await client.mutation(LogoutMutation, {}).toPromise();
  ended();
}
