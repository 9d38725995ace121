import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { GraphqlPipelineModule } from '../core/graphql/pipeline/graphql-pipeline.module';
import { IntegrationsAbilities } from './integrations.abilities';
import { RegisteredDocumentsResolver } from './registered-documents.resolver';
import { RegisteredDocumentsService } from './registered-documents.service';

/** Integrations: the operations an admin registers for them (trusted documents in production). */
@Module({
  imports: [AuditModule, GraphqlPipelineModule],
  providers: [IntegrationsAbilities, RegisteredDocumentsService, RegisteredDocumentsResolver],
})
export class IntegrationsModule {}
