import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';

/** Where `npm run build -w web` writes the client (web/dist beside src/ and dist/). */
export function webClientDir(): string {
  // src/web-client (ts-jest, ts-node) or dist/src/web-client (the build).
  for (const up of ['../..', '../../..']) {
    const dir = resolve(__dirname, up, 'web', 'dist');
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return resolve(__dirname, '../..', 'web', 'dist');
}

/** Paths that belong to the API, never to the client's routes. */
const API_PREFIXES = ['/graphql', '/graphiql', '/health'];

/**
 * Serves the built web client at / : its hashed assets (cached for a year), and
 * index.html for every other GET a browser makes (the client's own routes, e.g.
 * /people/<id>), so a reload or a shared link opens the same screen. Without a build it
 * says how to make one.
 */
export function webClient(dir = webClientDir()) {
  const assets = express.static(dir, { index: false, maxAge: '1y', immutable: true });
  const indexFile = join(dir, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (API_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
    if (req.path.startsWith('/assets/')) return assets(req, res, next);
    if (!(req.headers.accept ?? '').includes('text/html') && req.path !== '/') return next();
    if (!existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web client is not built: run `npm run build -w web` (npm start does it).\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(readFileSync(indexFile));
  };
}
