import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost, GqlContextType } from '@nestjs/graphql';
import { GraphQLError, GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import { logGraphqlError } from './log-graphql-error';

/**
 * Nest logs every non-HTTP exception a resolver or guard throws at level error, with
 * its stack, before GraphQL sees it: a wrong password would look like a crash. For
 * GraphQL this filter hands the error on untouched, and errorLogPlugin logs it once,
 * at the level its code deserves. Other contexts keep Nest's default handling.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    const error = exception instanceof Error ? exception : new Error(String(exception));
    const info = GqlArgumentsHost.create(host).getInfo<GraphQLResolveInfo | undefined>();
    if (info?.operation?.operation === 'subscription') {
      // graphql-ws runs subscriptions without Apollo's plugins: log them here instead.
      const path = info.path ? responsePathAsArray(info.path) : undefined;
      logGraphqlError(
        new GraphQLError(error.message, { originalError: error, path }),
        info.operation.name?.value,
      );
    }
    // Returned, not thrown: Nest passes it to GraphQL, which treats a returned Error as thrown.
    return error;
  }
}
