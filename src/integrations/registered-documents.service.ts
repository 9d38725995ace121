import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, ConflictError } from '../core/errors/domain-error';
import { GraphqlGate } from '../core/graphql/pipeline/graphql-gate';
import { documentHash, TrustedDocuments } from '../core/graphql/pipeline/trusted-documents';
import { describeError } from '../core/logging/redact-error';
import { RegisterDocumentInput, RegisteredDocumentModel } from './registered-document.model';

export const REGISTERED_DOCUMENTS_JOB = 'registered-documents';

interface Row {
  id: string;
  integration: string;
  hash: string;
  document: string;
  registered_at: Date;
}

/**
 * Documents an admin registers for an integration join the trusted documents: this
 * process knows one at once, other processes at their next refresh (every minute, a
 * scheduled job) or start. A document is checked as the gate would run it (limits,
 * syntax, the schema, one operation), so what is registered can run.
 */
@Injectable()
export class RegisteredDocumentsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RegisteredDocumentsService.name);

  constructor(
    private readonly ds: DataSource,
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly gate: GraphqlGate,
    private readonly trusted: TrustedDocuments,
    private readonly log: AccessLogWriter,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    const job = CronJob.from({ cronTime: '* * * * *', onTick: () => void this.safeRefresh() });
    this.registry.addCronJob(REGISTERED_DOCUMENTS_JOB, job);
    if (this.config.nodeEnv !== 'test') job.start();
  }

  /** Loads every registered hash into the gate's trusted documents; returns how many. */
  async refresh(): Promise<number> {
    const rows: { hash: string }[] = await this.system.query(
      `SELECT hash FROM registered_document`,
    );
    for (const r of rows) this.trusted.add(r.hash);
    return rows.length;
  }

  async register(
    ctx: RequestContext,
    input: RegisterDocumentInput,
  ): Promise<RegisteredDocumentModel> {
    const refused = this.gate.admitSource(input.document);
    if (refused) throw new BadInputError(refused.message, { field: 'document' });
    const parsed = this.gate.parseAndValidate(input.document, undefined);
    if (Array.isArray(parsed))
      throw new BadInputError(parsed[0]?.message ?? 'Invalid document', { field: 'document' });
    const hash = documentHash(parsed.document);
    const model = await inTransaction(this.ds, async (em) => {
      const rows: Row[] = await em.query(
        `INSERT INTO registered_document (hash, integration, document, municipality_code, registered_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING
         RETURNING id, integration, hash, document, registered_at`,
        [hash, input.integration, input.document, ctx.actor.municipalityCode, ctx.actor.userId],
      );
      if (!rows[0])
        throw new ConflictError('This operation is registered already', { field: 'document' });
      await this.log.record(em, ctx, [
        {
          action: AccessAction.CREATE,
          subjectType: 'REGISTERED_DOCUMENT',
          subjectIds: [rows[0].id],
          fields: ['integration', 'document'],
          legalBasis: LegalBasis.ADMINISTRATION,
          subjectMunicipalityCode: ctx.actor.municipalityCode,
        },
      ]);
      return toModel(rows[0]);
    });
    // Before the request commits: a failed commit leaves a hash no client was told of.
    this.trusted.add(hash);
    return model;
  }

  /** The own municipality's registrations, newest first. */
  async list(ctx: RequestContext): Promise<RegisteredDocumentModel[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT id, integration, hash, document, registered_at FROM registered_document
        WHERE municipality_code = $1 ORDER BY registered_at DESC, id LIMIT 500`,
      [ctx.actor.municipalityCode],
    );
    return rows.map(toModel);
  }

  private async safeRefresh(): Promise<void> {
    try {
      await this.refresh();
    } catch (e) {
      this.logger.error(`registered documents not refreshed: ${describeError(e)}`);
    }
  }
}

function toModel(r: Row): RegisteredDocumentModel {
  return Object.assign(new RegisteredDocumentModel(), {
    id: r.id,
    integration: r.integration,
    hash: r.hash,
    document: r.document,
    registeredAt: r.registered_at,
  });
}
