import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, QueryRunner, ReplicationMode } from 'typeorm';
import { Actor } from '../auth/actor';

/**
 * One request, one transaction, one connection, and the actor in its settings.
 *
 * Row-level security decides visibility from the settings `app.user_id`,
 * `app.organisation_id`, `app.organisation_kind`, `app.municipality_code`, `app.roles` and
 * `app.permissions` (see authorization/entitlement). They are set with set_config(…, true),
 * so they live exactly as long as the request's transaction and can never leak into
 * another request that later borrows the same pooled connection.
 *
 * Services keep using the DataSource as before: while a request with an authenticated
 * actor is running, every query runner the DataSource hands out is the request's own
 * (bindRequestTransactions). A service's `ds.transaction(...)` becomes a savepoint inside
 * it. GraphQL runs mutations one after another; the fields of a query run side by side
 * and only read (their access-log rows are written at the end), so savepoints of one
 * request do not interleave. The request commits once, after its access-log
 * rows are written (AccessLogFlushPlugin; requestTransactions() for other routes), before the
 * response leaves.
 */
export class RequestTransaction {
  private real: QueryRunner | null = null;
  private shared: QueryRunner | null = null;
  private begun: Promise<void> | null = null;
  private finished = false;

  constructor(private readonly actorOf: () => Actor | undefined) {}

  /** The actor once authentication has run; until then queries run outside the request transaction. */
  get actor(): Actor | undefined {
    return this.finished ? undefined : this.actorOf();
  }

  get started(): boolean {
    return this.real !== null;
  }

  runnerFor(create: () => QueryRunner, actor: Actor): QueryRunner {
    if (!this.shared) {
      this.real = create();
      this.shared = this.wrap(this.real, actor);
    }
    return this.shared;
  }

  /** Commits (or rolls back) and returns the connection; later calls do nothing. */
  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const real = this.real;
    if (!real) return;
    try {
      await this.begun?.catch(() => undefined);
      if (real.isTransactionActive) {
        if (commit) await real.commitTransaction();
        else await real.rollbackTransaction();
      }
    } catch (e) {
      if (commit) await real.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await real.release();
    }
  }

  private begin(real: QueryRunner, actor: Actor): Promise<void> {
    this.begun ??= (async () => {
      oneStatementAtATime(await real.connect());
      await real.startTransaction();
      await real.query(...actorSettings(actor));
    })();
    return this.begun;
  }

  private wrap(real: QueryRunner, actor: Actor): QueryRunner {
    const begin = () => this.begin(real, actor);
    const overrides: Partial<Record<keyof QueryRunner, unknown>> = {
      connect: async () => {
        await begin();
        return real.connect();
      },
      query: async (...args: Parameters<QueryRunner['query']>) => {
        await begin();
        return real.query(...args);
      },
      // Isolation levels other than the request's cannot be set inside it: a savepoint.
      startTransaction: async () => {
        await begin();
        await real.startTransaction();
      },
      // The request returns the connection when it ends.
      release: async () => undefined,
      isReleased: false,
    };
    return new Proxy(real, {
      get: (target, prop, receiver) => {
        // The request's own transaction is not the caller's: a save gets its own savepoint.
        if (prop === 'isTransactionActive') return target.isTransactionActive && depth(target) > 1;
        if (prop === 'isReleased') return false;
        if (prop in overrides && overrides[prop as keyof QueryRunner] !== undefined)
          return overrides[prop as keyof QueryRunner];
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }
}

const SERIALISED = Symbol('serialised');

/**
 * Resolvers of one request share its connection and may ask at the same moment; pg
 * queues such calls but is deprecating that. Each statement waits for the previous one.
 */
function oneStatementAtATime(client: { query: (...args: unknown[]) => unknown }): void {
  const marked = client as unknown as { [SERIALISED]?: true };
  if (marked[SERIALISED]) return;
  marked[SERIALISED] = true;
  const query = client.query.bind(client);
  let tail: Promise<unknown> = Promise.resolve();
  client.query = (...args: unknown[]) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * The statement that puts the actor into the current transaction's settings, which
 * row-level security reads (authorization/entitlement/actor.sql.ts). The tests that run
 * raw SQL as the application role use it too, so the contract exists once.
 */
export function actorSettings(actor: Actor): [string, string[]] {
  return [
    `SELECT set_config('app.user_id', $1, true), set_config('app.organisation_id', $2, true),
            set_config('app.organisation_kind', $3, true), set_config('app.municipality_code', $4, true),
            set_config('app.roles', $5, true), set_config('app.permissions', $6, true)`,
    [
      actor.userId,
      actor.organisationId,
      actor.organisationKind,
      actor.municipalityCode,
      actor.roles.join(','),
      actor.permissions.join(','),
    ],
  ];
}

function depth(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth: number }).transactionDepth;
}

const current = new AsyncLocalStorage<RequestTransaction>();

/** Runs `work` (an HTTP request's handling) with its own request transaction. */
export function withRequestTransaction<T>(scope: RequestTransaction, work: () => T): T {
  return current.run(scope, work);
}

export function currentRequestTransaction(): RequestTransaction | undefined {
  return current.getStore();
}

/** Makes the DataSource hand out the running request's query runner (see RequestTransaction). */
export function bindRequestTransactions(ds: DataSource): void {
  const create = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (mode: ReplicationMode = 'master') => {
    const scope = current.getStore();
    const actor = scope?.actor;
    if (!scope || !actor) return create(mode);
    return scope.runnerFor(() => create(mode), actor);
  };
}

/**
 * Express middleware: each request gets its RequestTransaction. The response is held
 * until the transaction has committed; if the commit fails the connection is cut, so no
 * answer leaves whose access-log rows were lost. A request that ends early rolls back.
 */
export function requestTransactions() {
  return (
    req: { user?: Actor },
    res: {
      end: (...args: never[]) => unknown;
      destroy: () => void;
      on: (e: 'close', f: () => void) => void;
    },
    next: () => void,
  ): void => {
    const scope = new RequestTransaction(() => req.user);
    const end = res.end.bind(res) as (...args: unknown[]) => unknown;
    res.end = ((...args: unknown[]) => {
      scope.finish(true).then(
        () => end(...args),
        () => res.destroy(),
      );
      return res;
    }) as typeof res.end;
    res.on('close', () => void scope.finish(false).catch(() => undefined));
    withRequestTransaction(scope, next);
  };
}
