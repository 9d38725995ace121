import { ArgumentsHost, Logger } from '@nestjs/common';
import { UnauthenticatedError } from './domain-error';
import { GraphqlExceptionFilter } from './graphql-exception.filter';

describe('GraphqlExceptionFilter', () => {
  const filter = new GraphqlExceptionFilter();
  const spies = {
    log: jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined),
    warn: jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined),
    error: jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined),
  };
  afterEach(() => Object.values(spies).forEach((s) => s.mockClear()));
  afterAll(() => Object.values(spies).forEach((s) => s.mockRestore()));

  function graphqlHost(operation: 'query' | 'subscription'): ArgumentsHost {
    const info = { operation: { operation, name: { value: 'Op' } }, path: { key: 'field' } };
    const args = [undefined, {}, {}, info];
    return {
      getType: () => 'graphql',
      getArgs: () => args,
      getArgByIndex: (i: number) => args[i],
    } as unknown as ArgumentsHost;
  }

  it('hands a query error on to GraphQL without logging it (errorLogPlugin does)', () => {
    const error = new UnauthenticatedError();
    expect(filter.catch(error, graphqlHost('query'))).toBe(error);
    expect(spies.log).not.toHaveBeenCalled();
    expect(spies.error).not.toHaveBeenCalled();
  });

  it('logs a subscription error once, at the level of its code', () => {
    filter.catch(new UnauthenticatedError(), graphqlHost('subscription'));
    expect(spies.log).toHaveBeenCalledTimes(1);
    expect(spies.log.mock.calls[0][1]).toBe(
      'UNAUTHENTICATED in Op at field: Authentication required',
    );
    expect(spies.error).not.toHaveBeenCalled();
    filter.catch(new TypeError('boom'), graphqlHost('subscription'));
    expect(spies.error).toHaveBeenCalledTimes(1);
  });

  it('turns a thrown non-error into an Error, so GraphQL does not take it for a value', () => {
    expect(filter.catch('oops', graphqlHost('query'))).toEqual(new Error('oops'));
  });
});
