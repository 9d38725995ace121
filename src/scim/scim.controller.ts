import { Controller, Delete, Get, Inject, Patch, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../core/auth/decorators';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { SsoProviderConfig } from '../core/config/sso-providers';
import { ScimGroupsService } from './scim-groups.service';
import { SCIM_CONTENT_TYPE, ScimError } from './scim-resources';
import { ScimUsersService } from './scim-users.service';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * SCIM 2.0 (RFC 7644) for a municipality's directory: /scim/v2/Users and /Groups. The
 * bearer token names the provider (each has its own, from the environment or a secrets
 * file), and with it the municipality and the group mapping; nothing else is reachable
 * with it. Errors are SCIM errors, never the GraphQL shape.
 */
@Controller('scim/v2')
@Public()
export class ScimController {
  constructor(
    private readonly users: ScimUsersService,
    private readonly groups: ScimGroupsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('Users')
  listUsers(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 200, (p) => this.users.list(p, this.base, req.query));
  }

  @Get('Users/:id')
  getUser(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 200, (p) => this.users.get(p, this.base, param(req)));
  }

  @Post('Users')
  createUser(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 201, (p) => this.users.create(p, this.base, req.body, rid(req)));
  }

  @Put('Users/:id')
  replaceUser(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 200, (p) =>
      this.users.replace(p, this.base, param(req), req.body, rid(req)),
    );
  }

  @Patch('Users/:id')
  patchUser(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 200, (p) =>
      this.users.patch(p, this.base, param(req), req.body, rid(req)),
    );
  }

  @Delete('Users/:id')
  deleteUser(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 204, (p) => this.users.remove(p, param(req), rid(req)));
  }

  @Get('Groups')
  listGroups(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 200, (p) => this.groups.list(p, this.base, req.query));
  }

  @Get('Groups/:id')
  getGroup(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 200, (p) => this.groups.get(p, this.base, param(req)));
  }

  @Post('Groups')
  createGroup(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 201, (p) => this.groups.create(p, this.base, req.body, rid(req)));
  }

  @Put('Groups/:id')
  replaceGroup(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 200, (p) =>
      this.groups.replace(p, this.base, param(req), req.body, rid(req)),
    );
  }

  @Patch('Groups/:id')
  patchGroup(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 200, (p) =>
      this.groups.patch(p, this.base, param(req), req.body, rid(req)),
    );
  }

  @Delete('Groups/:id')
  deleteGroup(@Req() req: Request, @Res() res: Response) {
    return this.answer(req, res, 204, (p) => this.groups.remove(p, param(req), rid(req)));
  }

  private get base(): string {
    return `${this.config.publicUrl}/scim/v2`;
  }

  /** The provider whose SCIM token the request carries (compared in constant time). */
  private provider(req: Request): SsoProviderConfig {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const presented = m ? digest(m[1]) : null;
    const provider = presented
      ? this.config.ssoProviders.find(
          (p) => p.scimToken !== null && timingSafeEqual(digest(p.scimToken), presented),
        )
      : undefined;
    if (!provider) throw new ScimError(401, 'A valid SCIM bearer token is required');
    return provider;
  }

  private async answer(
    req: Request,
    res: Response,
    status: number,
    work: (provider: SsoProviderConfig) => Promise<unknown>,
  ): Promise<void> {
    try {
      const body = await work(this.provider(req));
      res.status(status).type(SCIM_CONTENT_TYPE);
      const location = (body as { meta?: { location?: string } } | undefined)?.meta?.location;
      if (status === 201 && location) res.location(location);
      if (status === 204) res.end();
      else res.send(JSON.stringify(body));
    } catch (e) {
      const error = e instanceof ScimError ? e : null;
      if (!error) throw e;
      if (error.status === 401) res.set('WWW-Authenticate', 'Bearer realm="scim"');
      res.status(error.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error.body()));
    }
  }
}

const param = (req: Request) => String(req.params.id);
const rid = (req: Request) => String((req as { id?: unknown }).id ?? '');
