import { Client, createClient, FormattedExecutionResult } from 'graphql-ws';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

/** A graphql-ws client on a listening app; `request` runs one operation and collects what comes back. */
export function wsClient(url: string, token: string | null) {
  const closes: number[] = [];
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (e) => closes.push((e as { code: number }).code) },
  });
  const request = (query: string, variables?: Record<string, unknown>, waitMs = 3000) =>
    new Promise<{ results: FormattedExecutionResult[]; errors: unknown[] }>((resolve) => {
      const results: FormattedExecutionResult[] = [];
      const errors: unknown[] = [];
      let done = false;
      // Cleared when the operation ends first, so no timer outlives the test.
      const timer = setTimeout(() => finish(), waitMs);
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        dispose();
        resolve({ results, errors });
      };
      const dispose = client.subscribe(
        { query, variables },
        {
          next: (v) => results.push(v as FormattedExecutionResult),
          error: (e) => {
            errors.push(e);
            finish();
          },
          complete: finish,
        },
      );
    });
  return { client, closes, request };
}

/** The codes of graphql-ws's error message (an array of GraphQL errors) or of results. */
export function codesOf(r: { results: FormattedExecutionResult[]; errors: unknown[] }): string[] {
  const fromErrors = r.errors.flatMap((e) =>
    Array.isArray(e) ? e.map((x: { extensions?: { code?: string } }) => x.extensions?.code) : [],
  );
  const fromResults = r.results.flatMap((x) =>
    (x.errors ?? []).map((e) => (e.extensions as { code?: string } | undefined)?.code),
  );
  return [...fromErrors, ...fromResults].filter((c): c is string => typeof c === 'string');
}

/** Every line of a LOG_FILE, read now. */
export function logLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
