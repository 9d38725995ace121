import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../core/auth/request-context';
import { inTransaction } from '../../core/database/transaction';
import { ContactAttemptsService } from '../../outreach/contact-attempts.service';
import { KaaRegisterService } from '../kaa-register.service';
import { RecordedAnswerModel } from './answer.model';
import { RecordAnswerInput } from './record-answer.input';

/** An answer is a contact and an occupation: both or neither, in one transaction. */
@Injectable()
export class AnswerService {
  constructor(
    private readonly ds: DataSource,
    private readonly contacts: ContactAttemptsService,
    private readonly register: KaaRegisterService,
  ) {}

  record(ctx: RequestContext, input: RecordAnswerInput): Promise<RecordedAnswerModel> {
    const { occupation, ...contact } = input;
    return inTransaction(this.ds, async (em) => {
      const contactAttempt = await this.contacts.recordIn(em, ctx, contact);
      const recorded = await this.register.recordOccupationIn(em, ctx, {
        youngPersonId: input.youngPersonId,
        ...occupation,
      });
      return Object.assign(new RecordedAnswerModel(), { contactAttempt, occupation: recorded });
    });
  }
}
