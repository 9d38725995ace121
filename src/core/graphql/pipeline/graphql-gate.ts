import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  DocumentNode,
  GraphQLError,
  GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  OperationDefinitionNode,
  ValidationRule,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { AccessTokenPayload } from '../../auth/jwt.strategy';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../errors/domain-error';
import { ErrorCode } from '../../errors/error-code';
import { unstorableString } from './input-hygiene';
import {
  beforeParse,
  documentCost,
  DocumentLimits,
  operationBreach,
  operationDepth,
  rootFieldCount,
} from './operation-limits';
import { RateWindow } from './rate-window';
import { TrustedDocuments } from './trusted-documents';
import { budgetRefusal } from '../../../audit/request-flush';
import { RecordBudget } from '../../../audit/record-budget';

export type Transport = 'http' | 'websocket';

/**
 * What a document over the limits (too long, too many tokens, too deep, too costly) costs
 * its address, in requests: reading and measuring it is the work an attacker wants done,
 * so a few of them use up the address's minute (issue 16, point 5).
 */
export const OVER_LIMIT_WEIGHT = 60;

/** Refusals waiting out REFUSAL_DELAY_MS at once, at most; past it they are answered at once. */
export const MAX_DELAYED_REFUSALS = 256;

/** What the gate needs to know about one operation, whichever transport carried it. */
export interface GateOperation {
  transport: Transport;
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  /** The Authorization header value ('Bearer …'), if any. */
  authorization: string | undefined;
  address: string;
}

/**
 * The one door every GraphQL operation passes, over HTTP (Apollo: the edge middleware,
 * parseOptions, validationRules and the gate plugin) and over graphql-ws
 * (graphql-ws.transport.ts): per-address and per-user rate limits, the limits before
 * parsing, the same validation rules (no introspection in production), the transport's
 * operation types, depth and cost, input hygiene and, in production, trusted documents.
 * What happens after admission (authentication by the guards, the request transaction
 * with the actor's settings, the access-log flush) is shared too (RequestFlush).
 */
@Injectable()
export class GraphqlGate {
  readonly limits: DocumentLimits;
  readonly production: boolean;
  /** Set when the schema is built (transformSchema in app.module.ts). */
  schema: GraphQLSchema | undefined;
  private readonly perAddress: RateWindow;
  private readonly perUser: RateWindow;
  private delayed = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly trusted: TrustedDocuments,
    private readonly budget: RecordBudget,
  ) {
    this.production = config.nodeEnv === 'production';
    this.limits = {
      maxLength: config.maxQueryLength,
      maxTokens: config.maxQueryTokens,
      maxDepth: config.maxQueryDepth,
      maxComplexity: config.maxQueryComplexity,
    };
    this.perAddress = new RateWindow(config.addressRateLimitPerMinute);
    this.perUser = new RateWindow(config.rateLimitPerMinute);
  }

  /** Options for graphql's parse, so the parser itself also stops at the token limit. */
  get parseOptions() {
    return { maxTokens: this.limits.maxTokens };
  }

  /** Rules on top of graphql's specified rules, for both transports. */
  get validationRules(): ValidationRule[] {
    return this.production ? [NoSchemaIntrospectionCustomRule] : [];
  }

  /** Every request and every socket message, resolvers or not, counts for its address. */
  admitAddress(address: string): GraphQLError | undefined {
    if (this.perAddress.take(`ip:${address}`)) return undefined;
    return refusal(ErrorCode.TOO_MANY_REQUESTS, 'Too many requests, try again later');
  }

  /**
   * admitSource for a document sent from an address, over either transport: a refusal
   * counts OVER_LIMIT_WEIGHT against the address (1 of it already taken by admitAddress).
   */
  admitSourceFrom(
    address: string,
    source: unknown,
    operationName?: unknown,
    variables?: unknown,
  ): GraphQLError | undefined {
    const refused = this.admitSource(source, operationName, variables);
    if (refused) this.perAddress.charge(`ip:${address}`, OVER_LIMIT_WEIGHT - 1);
    return refused;
  }

  /**
   * Answers a request refused at the edge (over its address's limit, or a document over
   * the limits of size or cost) after REFUSAL_DELAY_MS, at no cost but a timer: a client
   * waits for its answer before it sends again on that connection, so each connection can
   * have at most one such request read and measured per delay, and an attack from many
   * addresses, which no address limit stops, cannot keep the event loop busy
   * (bench:abuse). At most MAX_DELAYED_REFUSALS wait at once; past that, the answer goes
   * at once and should close the connection (answer(true)).
   */
  answerOverLimit(answer: (close: boolean) => void): void {
    const ms = this.config.refusalDelayMs;
    if (ms === 0) return answer(false);
    if (this.delayed >= MAX_DELAYED_REFUSALS) return answer(true);
    this.delayed++;
    setTimeout(() => {
      this.delayed--;
      answer(false);
    }, ms).unref();
  }

  /**
   * A query found longer than the limit while its body was still arriving (graphqlBody):
   * refused as admitSourceFrom refuses one, with the same code and weight.
   */
  refuseLongQuery(address: string): GraphQLError {
    this.perAddress.charge(`ip:${address}`, OVER_LIMIT_WEIGHT - 1);
    return refusal(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `Query of more than ${this.limits.maxLength} characters exceeds the limit of ${this.limits.maxLength}`,
    );
  }

  /**
   * Before validation, which is the costly step: the length and the token count before
   * anything is parsed, then depth and the document's own cost (documentCost) on the
   * parsed document. A syntax error is left for the parser's own report.
   */
  admitSource(
    source: unknown,
    operationName?: unknown,
    variables?: unknown,
  ): GraphQLError | undefined {
    if (typeof source !== 'string') return undefined;
    const breach = beforeParse(source, this.limits);
    if (breach)
      return breach.kind === 'length'
        ? refusal(ErrorCode.PAYLOAD_TOO_LARGE, breach.message)
        : refusal(ErrorCode.QUERY_TOO_COMPLEX, breach.message);
    let document: DocumentNode;
    try {
      document = parse(source, this.parseOptions);
    } catch {
      return undefined;
    }
    const vars =
      variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {};
    const name = typeof operationName === 'string' ? operationName : undefined;
    const cost = documentCost(document, name, vars);
    if (cost > this.limits.maxComplexity)
      return refusal(
        ErrorCode.QUERY_TOO_COMPLEX,
        `Query complexity ${cost} exceeds the limit of ${this.limits.maxComplexity}`,
      );
    const operation = getOperationAST(document, name);
    const depth = operation ? operationDepth(operation, document) : 0;
    if (depth > this.limits.maxDepth)
      return refusal(
        ErrorCode.QUERY_TOO_COMPLEX,
        `Query depth ${depth} exceeds the limit of ${this.limits.maxDepth}`,
      );
    return undefined;
  }

  /** Parse and validate as Apollo does over HTTP, with the same options and rules (graphql-ws). */
  parseAndValidate(
    source: string,
    operationName: string | null | undefined,
  ): { document: DocumentNode; operation: OperationDefinitionNode } | GraphQLError[] {
    if (!this.schema) return [refusal(ErrorCode.SERVICE_UNAVAILABLE, 'Not ready')];
    let document: DocumentNode;
    try {
      document = parse(source, this.parseOptions);
    } catch (e) {
      return [
        refusal(
          ErrorCode.GRAPHQL_PARSE_FAILED,
          e instanceof GraphQLError ? e.message : 'Syntax error',
        ),
      ];
    }
    const errors = validate(this.schema, document, [...specifiedRules, ...this.validationRules]);
    if (errors.length)
      return errors.map((e) =>
        refusal(
          ErrorCode.GRAPHQL_VALIDATION_FAILED,
          withoutSuggestions(e.message, this.production),
        ),
      );
    const operation = getOperationAST(document, operationName);
    if (!operation) return [refusal(ErrorCode.BAD_USER_INPUT, 'Unable to identify the operation')];
    return { document, operation };
  }

  /**
   * Decides, before any of it runs, whether a parsed and validated operation may run:
   * a request that would cross a limit is refused whole, so it is never half-done.
   */
  admit(op: GateOperation): GraphQLError | undefined {
    const kind = op.operation.operation;
    if (op.transport === 'websocket' && kind !== 'subscription')
      return refusal(
        ErrorCode.SUBSCRIPTIONS_ONLY,
        `The WebSocket carries subscriptions only; send a ${kind} over HTTP`,
      );
    if (op.transport === 'http' && kind === 'subscription')
      return refusal(ErrorCode.BAD_USER_INPUT, 'Subscriptions run over the WebSocket (graphql-ws)');
    if (this.production && !this.trusted.allows(op.document))
      return refusal(
        ErrorCode.UNTRUSTED_DOCUMENT,
        'Only registered operations are accepted by this deployment',
      );
    const where = unstorableString(op.document, op.variables);
    if (where)
      return refusal(
        ErrorCode.BAD_USER_INPUT,
        `Invalid input: ${where} contains a NUL byte or an unpaired surrogate`,
        { field: where },
      );
    let breach;
    try {
      breach = operationBreach(this.schema!, op.document, op.operation, op.variables, this.limits);
    } catch (e) {
      // The cost estimate coerces the variables first; a wrong variable is the client's error.
      if (e instanceof GraphQLError) return refusal(ErrorCode.BAD_USER_INPUT, e.message);
      throw e;
    }
    if (breach) return refusal(ErrorCode.QUERY_TOO_COMPLEX, breach.message);
    const key = this.userKey(op);
    if (!this.perUser.take(key, rootFieldCount(op.operation, op.document)))
      return refusal(ErrorCode.TOO_MANY_REQUESTS, 'Too many requests, try again later');
    // A user whose record budget is spent reads nothing more until it refills (RequestFlush
    // refuses the answer that would cross it); a change still gets its own say there.
    const spent =
      kind !== 'mutation' && key.startsWith('user:') && this.budget.exhausted(key.slice(5));
    if (spent) {
      const { code, message } = budgetRefusal(spent) as { code: ErrorCode; message: string };
      return refusal(code, message);
    }
    return undefined;
  }

  /** One bucket per user across all operations and addresses; anonymous callers by address. */
  private userKey(op: GateOperation): string {
    const m = /^Bearer (\S+)$/.exec(op.authorization?.trim() ?? '');
    if (m) {
      try {
        const payload = this.jwt.verify<AccessTokenPayload>(m[1]);
        if (typeof payload.sub === 'string') return `user:${payload.sub}`;
      } catch {
        // An invalid token is refused by the guards; until then it counts for its address.
      }
    }
    return `ip:${op.address}`;
  }
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.RECORD_BUDGET_EXCEEDED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.UNTRUSTED_DOCUMENT]: HttpStatus.BAD_REQUEST,
};

/**
 * A refusal as a GraphQL error whose code and HTTP status both transports keep. Without a
 * stack: an attacker's refusals should cost as little as possible, and a refusal's place
 * in the code says nothing its code does not.
 */
export function refusal(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, {
      originalError: new DomainError(code, message, details),
      extensions: { code, http: { status: STATUS[code] ?? HttpStatus.BAD_REQUEST } },
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** graphql's validation messages name the fields a misspelling resembles: the schema, told to anyone. */
export function withoutSuggestions(message: string, hide: boolean): string {
  return hide ? message.replace(/\s*Did you mean .*$/s, '') : message;
}
