import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { Options } from 'pino-http';
import { AppConfig } from '../config/app-config';
import { redactError } from './redact-error';

/**
 * Structured JSON logs with a request id. Only method, path and status are logged:
 * no headers, bodies or query strings, which could carry tokens or personal data.
 * With LOG_FORMAT=pretty (the development default) the same entries are printed as
 * one readable line each instead of JSON.
 */
export function pinoHttpOptions(config: AppConfig): Options | [Options, DestinationStream] {
  const options: Options = {
    level: config.logLevel,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(incoming)
          ? incoming
          : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Whoever logs an error object: only what redactError allows reaches the line.
      err: redactError,
    },
    autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
    redact: ['req.headers', 'res.headers'],
  };
  if (config.logFile) return [options, pino.destination({ dest: config.logFile, sync: true })];
  const pretty = prettyDestination(config);
  if (!pretty) return options;
  return [
    {
      ...options,
      customSuccessMessage: (req, res, ms) => {
        // Express rewrites url below a mount point; originalUrl is what the client asked for.
        const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
        return `${req.method} ${url.split('?')[0]} ${res.statusCode} ${Math.round(ms)} ms`;
      },
    },
    pretty,
  ];
}

/** The logger for what happens before the Nest application exists (database, migrations). */
export function bootLogger(config: AppConfig): Logger {
  const options: LoggerOptions = { level: config.logLevel };
  const pretty = prettyDestination(config);
  return (pretty ? pino(options, pretty) : pino(options)).child({ context: 'Bootstrap' });
}

/**
 * A synchronous pretty printer (pino-pretty's formatter, not its transport): a line
 * is on stdout when the call returns, so nothing is lost when a failed start exits.
 * Undefined for LOG_FORMAT=json, or when pino-pretty (a dev dependency) is missing.
 */
function prettyDestination(config: AppConfig): DestinationStream | undefined {
  if (config.logFormat !== 'pretty') return undefined;
  let prettyFactory: typeof import('pino-pretty').prettyFactory;
  try {
    // A dev dependency, so loaded only when asked for (production images lack it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ prettyFactory } = require('pino-pretty') as typeof import('pino-pretty'));
  } catch {
    return undefined;
  }
  const format = prettyFactory({
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    // Said by the message already (request lines, errorLogPlugin's code and path).
    ignore: 'pid,hostname,context,req,res,responseTime,reqId,code,operation,path',
    messageFormat: '{if context}{context}: {end}{msg}',
    singleLine: true,
  });
  return { write: (line: string) => void process.stdout.write(format(line)) };
}
