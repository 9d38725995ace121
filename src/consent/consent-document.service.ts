import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { queryRows } from '../core/database/query-rows';
import { inTransaction } from '../core/database/transaction';
import {
  BadInputError,
  ConflictError,
  DomainError,
  NotFoundError,
} from '../core/errors/domain-error';
import { ErrorCode } from '../core/errors/error-code';
import { ConsentService } from './consent.service';

/** A signed consent is a scan or a PDF of a page or two: 5 MB is plenty. */
export const MAX_CONSENT_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** The types accepted, each known by its first bytes (the declared type must match them). */
const SIGNATURES: { type: string; magic: Buffer }[] = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];
export const CONSENT_DOCUMENT_TYPES = SIGNATURES.map((s) => s.type);

export interface ConsentDocumentMeta {
  id: string;
  consentId: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  uploadedAt: Date;
}

interface Basis {
  basis: LegalBasis;
  young_person_id: string;
  municipality_code: string;
}

/**
 * The signed consent document (Primero and OSCaR keep it too), in the database beside the
 * consent. Row-level security gives it only to those who see the consent; every read of
 * the file and its upload are in the access log, written in the same transaction.
 */
@Injectable()
export class ConsentDocumentService {
  constructor(
    private readonly ds: DataSource,
    private readonly consents: ConsentService,
    private readonly log: AccessLogWriter,
  ) {}

  async attach(
    ctx: RequestContext,
    consentId: string,
    contentType: string,
    content: Buffer,
  ): Promise<ConsentDocumentMeta> {
    if (!content.length) throw new BadInputError('The file is empty');
    if (content.length > MAX_CONSENT_DOCUMENT_BYTES) throw tooLarge();
    const sniffed = SIGNATURES.find((s) => content.subarray(0, s.magic.length).equals(s.magic));
    if (!sniffed || sniffed.type !== contentType)
      throw new BadInputError(
        `The file must be one of ${CONSENT_DOCUMENT_TYPES.join(', ')}, sent with its own type`,
        { field: 'content-type' },
      );
    return inTransaction(this.ds, async (em) => {
      const consent = await this.consents.find(em, ctx, consentId, true);
      const [held] = await queryRows(em, `SELECT 1 FROM consent_document WHERE consent_id = $1`, [
        consent.id,
      ]);
      if (held) throw new ConflictError('The consent already has its signed document');
      const sha256 = createHash('sha256').update(content).digest('hex');
      const [saved] = await queryRows<{ id: string; uploaded_at: Date }>(
        em,
        `INSERT INTO consent_document (consent_id, young_person_id, municipality_code, content_type,
            byte_size, sha256, content, uploaded_by_user_id, uploaded_by_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, uploaded_at`,
        [
          consent.id,
          consent.youngPersonId,
          consent.municipalityCode,
          contentType,
          content.length,
          sha256,
          content,
          ctx.actor.userId,
          ctx.actor.organisationId,
        ],
      );
      const basis = await this.basisOf(em, consent.id);
      await this.logAccess(em, ctx, AccessAction.CREATE, saved.id, consent.id, basis);
      return {
        id: saved.id,
        consentId: consent.id,
        contentType,
        byteSize: content.length,
        sha256,
        uploadedAt: saved.uploaded_at,
      };
    });
  }

  /** The file, for someone who sees the consent; NOT_FOUND otherwise, as for no document. */
  async read(
    ctx: RequestContext,
    consentId: string,
  ): Promise<{ contentType: string; content: Buffer; sha256: string }> {
    return inTransaction(this.ds, async (em) => {
      const [doc] = await queryRows<
        Basis & { id: string; content_type: string; content: Buffer; sha256: string }
      >(
        em,
        `SELECT d.id, d.content_type, d.content, d.sha256, d.young_person_id, d.municipality_code,
                authz.consent_record_basis(c.id, c.documented_by_organisation_id, c.young_person_id) AS basis
           FROM consent_document d JOIN consent c ON c.id = d.consent_id
          WHERE d.consent_id = $1`,
        [consentId],
      );
      if (!doc || !doc.basis) throw new NotFoundError('Consent document');
      await this.logAccess(em, ctx, AccessAction.READ, doc.id, consentId, doc);
      return { contentType: doc.content_type, content: doc.content, sha256: doc.sha256 };
    });
  }

  /** Metadata of the documents of several consents (row-level security decides), one statement. */
  async metaOf(consentIds: readonly string[]): Promise<Map<string, ConsentDocumentMeta>> {
    const rows = await queryRows<{
      id: string;
      consent_id: string;
      content_type: string;
      byte_size: number;
      sha256: string;
      uploaded_at: Date;
    }>(
      this.ds,
      `SELECT id, consent_id, content_type, byte_size, sha256, uploaded_at
         FROM consent_document WHERE consent_id = ANY ($1::uuid[])`,
      [consentIds],
    );
    return new Map(
      rows.map((r) => [
        r.consent_id,
        {
          id: r.id,
          consentId: r.consent_id,
          contentType: r.content_type,
          byteSize: r.byte_size,
          sha256: r.sha256,
          uploadedAt: r.uploaded_at,
        },
      ]),
    );
  }

  private async basisOf(em: EntityManager, consentId: string): Promise<Basis> {
    const [b] = await queryRows<Basis>(
      em,
      `SELECT authz.consent_record_basis(c.id, c.documented_by_organisation_id, c.young_person_id) AS basis,
              c.young_person_id, c.municipality_code
         FROM consent c WHERE c.id = $1`,
      [consentId],
    );
    return b;
  }

  private logAccess(
    em: EntityManager,
    ctx: RequestContext,
    action: AccessAction,
    documentId: string,
    consentId: string,
    b: Basis,
  ) {
    return this.log.record(em, ctx, [
      {
        action,
        subjectType: 'CONSENT_DOCUMENT',
        subjectIds: [documentId],
        youngPersonIds: [b.young_person_id],
        fields: ['content'],
        legalBasis: b.basis,
        consentIds: b.basis === LegalBasis.CONSENT ? [consentId] : [],
        subjectMunicipalityCode: b.municipality_code,
      },
    ]);
  }
}

function tooLarge(): DomainError {
  return new DomainError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The file is larger than ${MAX_CONSENT_DOCUMENT_BYTES} bytes`,
  );
}

/** Reads a request body up to the limit; refuses a larger one without keeping it. */
export async function readDocumentBody(
  req: AsyncIterable<Buffer> & { headers: Record<string, unknown> },
): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_CONSENT_DOCUMENT_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_CONSENT_DOCUMENT_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
