import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { SessionRevocations, sessionRevocations } from '../core/auth/session-revocations';
import { BackchannelLogoutService } from './backchannel-logout.service';
import { SsoInvitationResolver } from './sso-invitation.resolver';
import { SsoLoginService } from './sso-login.service';
import { SsoProvidersService } from './sso-providers.service';
import { SsoController } from './sso.controller';
import { IdentityProvidersResolver } from './identity-providers.resolver';
import { IdentityProvidersService } from './identity-providers.service';

/** Single sign-on through the municipalities' OpenID Connect providers. */
@Module({
  imports: [AuditModule, AuthModule],
  controllers: [SsoController],
  providers: [
    SsoProvidersService,
    SsoLoginService,
    BackchannelLogoutService,
    SsoInvitationResolver,
    IdentityProvidersService,
    IdentityProvidersResolver,
    { provide: SessionRevocations, useValue: sessionRevocations },
  ],
  exports: [SsoProvidersService],
})
export class SsoModule {}
