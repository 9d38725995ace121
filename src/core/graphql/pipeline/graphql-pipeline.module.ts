import { Module } from '@nestjs/common';
import { AuditModule } from '../../../audit/audit.module';
import { GraphqlGate } from './graphql-gate';
import { TrustedDocuments } from './trusted-documents';

/** The gate and the end of a request (RequestFlush), for both GraphQL transports. */
@Module({
  imports: [AuditModule],
  providers: [GraphqlGate, TrustedDocuments],
  exports: [GraphqlGate, TrustedDocuments, AuditModule],
})
export class GraphqlPipelineModule {}
