import { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { NextFunction, Request, Response } from 'express';
import { answerRefusal } from './gate.plugin';
import { GraphqlGate } from './graphql-gate';
import { QueryLengthScanner } from './query-length-scanner';

/** What bodyErrorHandler (app.factory.ts) answers, in body-parser's terms. */
type BodyError = Error & { type: string; status: number };

const INFLATERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * HTTP's way through the gate, part 0b: the JSON body of a POST to /graphql is read here,
 * not by body-parser, so that a query over MAX_QUERY_LENGTH is refused while it arrives
 * (QueryLengthScanner): after that many bytes nothing more of the body is kept, decoded or
 * parsed, only read off the connection, and the refusal weighs on its address like any
 * other over the limits (GraphqlGate.refuseLongQuery) and is answered as late
 * (answerOverLimit). Parsing an 800 kB body and collecting its garbage was what such a
 * request cost (issue 16, point 5); the same limit checked after parsing (beforeParse)
 * stays for GET and the socket.
 *
 * A body over BODY_LIMIT (counted as it arrives, so chunked bodies too, and after
 * decompression) is refused as body-parser refuses it. Bodies it does not know how to
 * read (another charset, another encoding) are left to body-parser, which refuses them.
 */
export function graphqlBody(gate: GraphqlGate, limit: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || !req.path.startsWith('/graphql') || !req.is('application/json'))
      return next();
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) return next();
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const inflate = INFLATERS[encoding];
    if (encoding !== 'identity' && !inflate) return next();
    // Declared over the limit: body-parser refuses it before reading, as before.
    if (encoding === 'identity' && Number(req.headers['content-length']) > limit) return next();

    const source: Readable = inflate ? req.pipe(inflate()) : req;
    const scanner = new QueryLengthScanner(gate.limits.maxLength);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      source.removeListener('data', onData);
      then();
    };
    // Refused: the rest is read off the connection and dropped, then the answer is sent,
    // so the client (which is still sending) gets it whole and may keep the connection. A
    // body that goes on past twice the limit is answered at once and the connection closed.
    const refuse = (answer: () => void) =>
      settle(() => {
        chunks.length = 0;
        if (source !== req) {
          req.unpipe(source as unknown as NodeJS.WritableStream);
          source.destroy();
        }
        let answered = false;
        const once = () => {
          if (answered) return;
          answered = true;
          answer();
        };
        if (req.complete) return once();
        let drained = size;
        req.on('data', (chunk: Buffer) => {
          drained += chunk.length;
          if (drained <= 2 * limit || answered) return;
          res.setHeader('connection', 'close');
          once();
        });
        req.on('end', once);
        req.on('error', () => undefined);
        req.resume();
      });
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return refuse(() => next(bodyError(413, 'entity.too.large')));
      if (scanner.feed(chunk)) {
        const refused = gate.refuseLongQuery(req.ip ?? '');
        return refuse(() =>
          gate.answerOverLimit((close) => {
            if (close) res.setHeader('connection', 'close');
            answerRefusal(res, refused);
          }),
        );
      }
      chunks.push(chunk);
    };
    source.on('data', onData);
    if (source !== req)
      source.on('error', () => refuse(() => next(bodyError(400, 'encoding.failed'))));
    req.on('error', () => settle(() => next(bodyError(400, 'request.aborted'))));
    source.on('end', () =>
      settle(() => {
        try {
          req.body = parseBody(Buffer.concat(chunks, size).toString('utf8'));
        } catch {
          return next(bodyError(400, 'entity.parse.failed'));
        }
        next();
      }),
    );
  };
}

/** As body-parser's json() in strict mode: empty is {}, anything but an object or array is malformed. */
function parseBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = /^[ \t\n\r]*(.)/s.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw new SyntaxError('strict violation');
  return JSON.parse(body) as unknown;
}

function bodyError(status: number, type: string): BodyError {
  return Object.assign(new Error(type), { status, type });
}

/** BODY_LIMIT as body-parser reads it ('1mb', '10kb', '512b', a number of bytes). */
export function byteLimit(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) throw new Error(`BODY_LIMIT ${JSON.stringify(text)} is not a size such as 1mb`);
  const unit = { b: 1, kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30 }[(m[2] ?? 'b').toLowerCase()]!;
  return Math.floor(Number(m[1]) * unit);
}
