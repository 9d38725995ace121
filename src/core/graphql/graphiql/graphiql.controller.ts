import { Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Response } from 'express';
import { Public } from '../../auth/decorators';
import { GRAPHIQL_CSP, GRAPHIQL_PATH, GraphiqlAsset, graphiqlPage } from './graphiql-page';

export const GRAPHIQL_ASSETS = Symbol('GRAPHIQL_ASSETS');

/** The GraphiQL page and its files; registered outside production only. */
@Controller(GRAPHIQL_PATH.slice(1))
@Public()
@SkipThrottle({ default: true, user: true, login: true })
export class GraphiqlController {
  constructor(@Inject(GRAPHIQL_ASSETS) private readonly assets: Record<string, GraphiqlAsset>) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', GRAPHIQL_CSP)
  @Header('cache-control', 'no-store')
  page(): string {
    return graphiqlPage();
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const asset = Object.hasOwn(this.assets, name) ? this.assets[name] : undefined;
    if (!asset) throw new NotFoundException();
    res.setHeader('content-type', asset.contentType);
    res.setHeader('x-content-type-options', 'nosniff');
    if (asset.text !== undefined) {
      res.send(asset.text);
      return;
    }
    res.sendFile(asset.file!, { maxAge: '1h' }, (e) => {
      if (e && !res.headersSent) res.status(404).end();
    });
  }
}
