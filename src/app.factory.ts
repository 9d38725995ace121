import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { json, NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { Logger as TypeOrmLogger } from 'typeorm';
import { AppModule } from './app.module';
import { AppConfig } from './core/config/app-config';
import { ErrorCode } from './core/errors/error-code';
import { QuietFrameworkLogger } from './core/logging/quiet-framework-logger';
import { requestTransactions } from './core/database/request-transaction';
import { configureSessionCookies } from './auth/session-cookie';
import { securityHeaders } from './web-client/content-security-policy';
import { webClient } from './web-client/web-client.middleware';
import { addressEdge, gateEdge } from './core/graphql/pipeline/gate.plugin';
import { GraphqlGate } from './core/graphql/pipeline/graphql-gate';
import { byteLimit, graphqlBody } from './core/graphql/pipeline/graphql-body';

/** Builds the Nest application (used by main.ts and by the end-to-end tests). */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  sqlLogger?: TypeOrmLogger,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl, sqlLogger),
    {
      bodyParser: false,
      // Held until the app listens, then printed; main.ts prints them when the start fails.
      bufferLogs: true,
      // Throw instead of aborting the process, so a failed start can say why and stop the database.
      abortOnError: false,
    },
  );
  const logger = app.get(Logger);
  app.useLogger(config.nodeEnv === 'development' ? new QuietFrameworkLogger(logger) : logger);
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  configureSessionCookies(app.getHttpAdapter().getInstance(), config);
  // Liveness first: whatever else the process is busy with, no middleware stands before it.
  app.use(liveness);
  app.use(securityHeaders(config.nodeEnv === 'production'));
  app.use(webClient());
  // SCIM clients send application/scim+json (RFC 7644 §3.1).
  app.use(
    '/scim',
    json({ limit: config.bodyLimit, type: ['application/scim+json', 'application/json'] }),
  );
  // The per-address limit before the body is read; the query's length while it is read
  // (graphqlBody, for /graphql's JSON bodies); its size and cost after, before Apollo
  // parses anything.
  const gate = app.get(GraphqlGate);
  app.use(addressEdge(gate));
  app.use(graphqlBody(gate, byteLimit(config.bodyLimit)));
  app.use(json({ limit: config.bodyLimit }));
  app.use(bodyErrorHandler);
  app.use(gateEdge(gate));
  app.use(requestTransactions());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
    }),
  );
  // No enableShutdownHooks(): main.ts owns the signals, closes the app, then the database.
  return app;
}

/**
 * GET /health/live: the process answers. Answered before every other middleware and
 * Nest's guards, so that it measures the event loop and nothing else.
 */
function liveness(req: Request, res: Response, next: NextFunction): void {
  if (req.path !== '/health/live' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.json({ status: 'ok' });
}

/** Oversized or malformed bodies never reach GraphQL; answer them in GraphQL's error shape. */
function bodyErrorHandler(
  err: { type?: string; status?: number },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (err?.type === 'entity.too.large') {
    res.status(413).json({
      errors: [
        { message: 'Request body too large', extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } },
      ],
    });
    return;
  }
  if (err?.type === 'entity.parse.failed' || err?.status === 400) {
    res.status(400).json({
      errors: [{ message: 'Malformed JSON body', extensions: { code: ErrorCode.BAD_USER_INPUT } }],
    });
    return;
  }
  if (err) {
    res.status(400).json({
      errors: [{ message: 'Bad request', extensions: { code: ErrorCode.BAD_USER_INPUT } }],
    });
    return;
  }
  next();
}
