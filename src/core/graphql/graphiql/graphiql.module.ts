import {
  DynamicModule,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { GRAPHIQL_ASSETS, GraphiqlController } from './graphiql.controller';
import { GRAPHIQL_PATH, graphiqlAssets } from './graphiql-page';

/**
 * GraphiQL, served by the app itself from the npm packages' prebuilt bundles (no CDN),
 * for development: import it outside production only. A browser opening /graphql is
 * sent to it; API calls to /graphql are untouched (Apollo's CSRF prevention stays).
 */
@Module({})
export class GraphiqlModule implements NestModule {
  static forRoot(options: { defaultQuery: string }): DynamicModule {
    return {
      module: GraphiqlModule,
      controllers: [GraphiqlController],
      providers: [{ provide: GRAPHIQL_ASSETS, useValue: graphiqlAssets(options.defaultQuery) }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(browserToGraphiql).forRoutes({ path: 'graphql', method: RequestMethod.GET });
  }
}

function browserToGraphiql(req: Request, res: Response, next: NextFunction): void {
  const wantsPage = (req.headers.accept ?? '').includes('text/html');
  if (wantsPage && req.query.query === undefined) {
    res.redirect(302, GRAPHIQL_PATH);
    return;
  }
  next();
}
