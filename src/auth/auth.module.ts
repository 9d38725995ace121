import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { SecondFactorResolver } from './second-factor/second-factor.resolver';
import { SecondFactorService } from './second-factor/second-factor.service';

@Module({
  imports: [AuditModule, IdentityModule],
  providers: [AuthService, AuthResolver, SecondFactorService, SecondFactorResolver],
  exports: [AuthService],
})
export class AuthModule {}
