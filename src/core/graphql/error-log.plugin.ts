import { ApolloServerPlugin } from '@apollo/server';
import { logGraphqlError } from '../errors/log-graphql-error';

/**
 * The one place errors of queries and mutations are logged: once per error, at the
 * level of its code (logGraphqlError). Subscriptions run outside Apollo's request
 * pipeline; GraphqlExceptionFilter logs theirs the same way.
 */
export function errorLogPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) logGraphqlError(error, operationName ?? undefined);
        },
      };
    },
  };
}
