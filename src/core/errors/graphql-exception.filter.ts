import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

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
    // Returned, not thrown: Nest passes it to GraphQL, which treats a returned Error as thrown.
    return exception instanceof Error ? exception : new Error(String(exception));
  }
}
