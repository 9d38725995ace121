import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RegisterExtractAbilities } from './register-extract.abilities';
import { RegisterExtractResolver } from './register-extract.resolver';
import { RegisterExtractService } from './register-extract.service';

@Module({
  imports: [AuditModule],
  providers: [RegisterExtractAbilities, RegisterExtractService, RegisterExtractResolver],
})
export class RegisterExtractModule {}
