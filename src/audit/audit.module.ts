import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogChainService } from './access-log-chain.service';
import { AccessLogExportService } from './access-log-export.service';
import { AccessLogFlushPlugin } from './access-log-flush.plugin';
import { AccessLogQueryService } from './access-log.query.service';
import { AccessLogWriter } from './access-log.writer';
import { AccessLogEntity } from './access-log.entity';
import { AuditAbilities } from './audit.abilities';
import { AuditResolver } from './audit.resolver';
import { RecordBudget } from './record-budget';
import { RequestFlush } from './request-flush';
import { LogSampleJob } from './sample-checks/log-sample.job';
import { LogSampleResolver } from './sample-checks/log-sample.resolver';
import { LogSampleService } from './sample-checks/log-sample.service';

@Module({
  imports: [TypeOrmModule.forFeature([AccessLogEntity])],
  providers: [
    AccessLogWriter,
    AccessLogChainService,
    AccessLogQueryService,
    AccessLogExportService,
    AuditAbilities,
    AuditResolver,
    RequestFlush,
    LogSampleService,
    LogSampleResolver,
    LogSampleJob,
    RecordBudget,
  ],
  exports: [AccessLogWriter, AccessLogChainService, RequestFlush, RecordBudget],
})
export class AuditModule {}

/** Registered once at the app root so the plugin is not instantiated per importing module. */
@Module({ imports: [AuditModule], providers: [AccessLogFlushPlugin] })
export class AuditPluginModule {}
