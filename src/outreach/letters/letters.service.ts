import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Clock } from '../../core/clock/clock';
import { inTransaction } from '../../core/database/transaction';
import { ConflictError, NotFoundError } from '../../core/errors/domain-error';
import { ContactChannel, ContactDirection, ContactOutcome } from '../outreach.enums';
import { OutreachRoundsService } from '../outreach-rounds.service';
import { SqlParams, youthRegisterPeopleSql } from '../youth-register-scope';
import { checkPlaceholders, fill } from './letter-template';
import {
  CreateLetterTemplateInput,
  LetterNotPrintedModel,
  LetterRoundModel,
  LetterTemplateModel,
  NoLetterReason,
  SendLetterRoundInput,
} from './letters.models';
import { Letter, lettersPdf } from './letters-pdf';

interface TemplateRow {
  id: string;
  name: string;
  subject: string;
  body: string;
  created_at: Date;
}

interface RecipientRow {
  id: string;
  given_name: string;
  family_name: string;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  protected_identity: boolean;
}

const ADDRESS_FIELDS = ['givenName', 'familyName', 'streetAddress', 'postalCode', 'city'];

/**
 * Letter rounds (seeds/004: letters to the home address; who does not answer gets a home
 * visit): a template per municipality, and a round that prints one PDF and records a LETTER
 * contact per printed letter — both in one transaction, so a round is either printed and
 * recorded or neither. Protected identity never gets a printed address: those people are
 * listed for Skatteverket's forwarding route instead.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
    private readonly rounds: OutreachRoundsService,
  ) {}

  async createTemplate(
    ctx: RequestContext,
    input: CreateLetterTemplateInput,
  ): Promise<LetterTemplateModel> {
    checkPlaceholders('subject', input.subject);
    checkPlaceholders('body', input.body);
    try {
      const [row]: TemplateRow[] = await this.ds.query(
        `INSERT INTO letter_template (municipality_code, name, subject, body, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [
          ctx.actor.municipalityCode,
          input.name.trim(),
          input.subject,
          input.body,
          ctx.actor.userId,
        ],
      );
      return toTemplate(row);
    } catch (e) {
      if ((e as { code?: string }).code === '23505')
        throw new ConflictError('A template of that name exists');
      throw e;
    }
  }

  async templates(ctx: RequestContext): Promise<LetterTemplateModel[]> {
    const rows: TemplateRow[] = await this.ds.query(
      `SELECT * FROM letter_template WHERE municipality_code = $1 ORDER BY name LIMIT 200`,
      [ctx.actor.municipalityCode],
    );
    return rows.map(toTemplate);
  }

  send(ctx: RequestContext, input: SendLetterRoundInput): Promise<LetterRoundModel> {
    const ids = [...new Set(input.youngPersonIds.map((i) => i.toLowerCase()))];
    return inTransaction(this.ds, async (em) => {
      const scope = youthRegisterPeopleSql(ctx.actor);
      if (!scope) throw new NotFoundError('Young person');
      const [template]: TemplateRow[] = await em.query(
        `SELECT * FROM letter_template WHERE id = $1 AND municipality_code = $2`,
        [input.templateId, ctx.actor.municipalityCode],
      );
      if (!template) throw new NotFoundError('Letter template');
      const p = new SqlParams();
      const people: RecipientRow[] = await em.query(
        `SELECT yp.id, yp.given_name, yp.family_name, yp.street_address, yp.postal_code, yp.city, yp.protected_identity
         FROM young_person yp WHERE yp.id = ANY(${p.add(ids)}::uuid[]) AND yp.id IN (${scope})
         ORDER BY yp.family_name, yp.given_name, yp.id`,
        p.values,
      );
      // One id the caller may not touch refuses the whole round, without saying which.
      if (people.length !== ids.length) throw new NotFoundError('Young person');
      const printable = people.filter(
        (r) => !r.protected_identity && r.street_address && r.postal_code && r.city,
      );
      const notPrinted = people.filter((r) => !printable.includes(r)).map(notPrintedOf);
      const now = this.clock.now();
      const date = this.clock.today();
      const round = printable.length
        ? await this.rounds.recordIn(em, ctx, {
            youngPersonIds: printable.map((r) => r.id),
            channel: ContactChannel.LETTER,
            direction: ContactDirection.OUTBOUND,
            occurredAt: now,
            outcome: ContactOutcome.NO_RESPONSE,
            note: template.name,
          })
        : null;
      if (round) {
        await em.query(`UPDATE outreach_round SET letter_template_id = $1 WHERE id = $2`, [
          template.id,
          round.id,
        ]);
      }
      const sender: { name: string; display_name: string }[] = await em.query(
        `SELECT o.name, u.display_name FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
        [ctx.actor.userId],
      );
      const values = (r: RecipientRow) => ({
        förnamn: r.given_name,
        efternamn: r.family_name,
        datum: date,
        handläggare: sender[0]?.display_name ?? '',
        telefon: input.callbackPhone ?? '',
      });
      const letters: Letter[] = printable.map((r) => ({
        name: `${r.given_name} ${r.family_name}`,
        street: r.street_address!,
        postalCode: r.postal_code!,
        city: r.city!,
        subject: fill(template.subject, values(r)),
        body: fill(template.body, values(r)),
      }));
      // Printed inside the transaction: a failure here rolls the contacts back too.
      const pdf = letters.length ? await lettersPdf(sender[0]?.name ?? '', date, letters) : null;
      await this.log.record(em, ctx, [
        ...(printable.length
          ? [
              {
                action: AccessAction.EXPORT,
                subjectType: 'YOUNG_PERSON',
                subjectIds: printable.map((r) => r.id),
                youngPersonIds: printable.map((r) => r.id),
                fields: ADDRESS_FIELDS,
                legalBasis: LegalBasis.STATUTORY_DUTY,
                subjectMunicipalityCode: ctx.actor.municipalityCode,
              },
            ]
          : []),
        ...(notPrinted.length
          ? [
              {
                action: AccessAction.READ,
                subjectType: 'YOUNG_PERSON',
                subjectIds: notPrinted.map((r) => r.youngPersonId),
                youngPersonIds: notPrinted.map((r) => r.youngPersonId),
                fields: ['givenName', 'familyName', 'protectedIdentity'],
                legalBasis: LegalBasis.STATUTORY_DUTY,
                subjectMunicipalityCode: ctx.actor.municipalityCode,
              },
            ]
          : []),
      ]);
      return Object.assign(new LetterRoundModel(), {
        round,
        letterCount: letters.length,
        fileName: pdf ? `brev-${ctx.actor.municipalityCode}-${date}.pdf` : null,
        pdfBase64: pdf ? pdf.toString('base64') : null,
        notPrinted,
      });
    });
  }
}

function notPrintedOf(r: RecipientRow): LetterNotPrintedModel {
  return Object.assign(new LetterNotPrintedModel(), {
    youngPersonId: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    reason: r.protected_identity ? NoLetterReason.PROTECTED_IDENTITY : NoLetterReason.NO_ADDRESS,
  });
}

function toTemplate(r: TemplateRow): LetterTemplateModel {
  return Object.assign(new LetterTemplateModel(), {
    id: r.id,
    name: r.name,
    subject: r.subject,
    body: r.body,
    createdAt: r.created_at,
  });
}
