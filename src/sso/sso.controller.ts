import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { setRefreshCookie } from '../auth/session-cookie';
import { Public } from '../core/auth/decorators';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { DataSource } from 'typeorm';
import { BackchannelLogoutService } from './backchannel-logout.service';
import { SsoLoginService, SsoRefusedError } from './sso-login.service';

/**
 * The browser's side of single sign-on. /login sends it to the provider; /callback opens
 * the portal session (the refresh cookie; the web client then asks refreshSession for
 * an access token) and sends it on to the client, with ?loginError=<code> on refusal.
 * /backchannel-logout is the provider's server talking to the portal's.
 */
@Controller('auth/oidc/:provider')
@Public()
export class SsoController {
  constructor(
    private readonly login: SsoLoginService,
    private readonly backchannel: BackchannelLogoutService,
    private readonly log: AccessLogWriter,
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  async start(
    @Param('provider') provider: string,
    @Query('invitation') invitation: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    try {
      res.redirect(
        303,
        await this.login.start(provider, typeof invitation === 'string' ? invitation : undefined),
      );
    } catch (e) {
      this.refused(res, e);
    }
  }

  @Get('callback')
  async callback(
    @Param('provider') provider: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const requestId = String(req.id ?? '');
    try {
      const url = new URL(req.originalUrl, this.config.publicUrl);
      const session = await this.login.callback(provider, url, requestId);
      setRefreshCookie(res, session.refreshToken, session.refreshTokenExpiresAt);
      res.redirect(303, `${this.config.publicUrl}/`);
    } catch (e) {
      const userId = e instanceof SsoRefusedError ? e.userId : null;
      await this.ds.transaction((em) =>
        this.log.record(em, { requestId }, [
          {
            action: AccessAction.LOGIN_FAILED,
            subjectType: 'USER',
            subjectIds: userId ? [userId] : [],
            legalBasis: LegalBasis.AUTHENTICATION,
            subjectMunicipalityCode: null,
          },
        ]),
      );
      this.refused(res, e);
    }
  }

  @Post('backchannel-logout')
  @HttpCode(200)
  async backchannelLogout(
    @Param('provider') provider: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const form = new URLSearchParams(await readBody(req));
    const ok = await this.backchannel.logout(
      provider,
      form.get('logout_token') ?? '',
      String(req.id ?? ''),
    );
    res.setHeader('cache-control', 'no-store');
    res.status(ok ? 200 : 400).json(ok ? {} : { error: 'invalid_request' });
  }

  private refused(res: Response, e: unknown): void {
    const code = e instanceof SsoRefusedError ? e.code : 'SSO_INVALID_RESPONSE';
    if (!(e instanceof SsoRefusedError)) throw e;
    res.redirect(303, `${this.config.publicUrl}/?loginError=${code}`);
  }
}

/** The logout token comes form-encoded; the app parses JSON bodies only. */
function readBody(req: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      data += c;
      if (data.length > 20_000) req.destroy();
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
