import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../identity/role.enum';

export interface NotificationTarget {
  organisationId: string;
  /** Only users of the organisation holding one of these roles; all active users when omitted. */
  roles?: Role[];
  /** A single user instead of the organisation's users. */
  userId?: string;
}

export interface NotificationMessage {
  /** What happened, e.g. NOTICE_RECEIVED, REFERRAL_ACCEPTED, CONSENT_WITHDRAWN. */
  kind: string;
  subjectType?: string;
  subjectId?: string;
}

/**
 * Writes notifications inside the caller's transaction, so a notification exists exactly
 * when the event it announces committed. Notifications carry no content: a kind and an id.
 */
@Injectable()
export class NotificationWriter {
  async notify(
    em: EntityManager,
    target: NotificationTarget,
    message: NotificationMessage,
  ): Promise<number> {
    const rows: unknown[] = await em.query(
      `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id)
       SELECT u.id, u.organisation_id, $3, $4, $5 FROM app_user u
       WHERE u.organisation_id = $1 AND u.active
         AND ($2::uuid IS NULL OR u.id = $2)
         AND ($6::text[] IS NULL OR u.roles && $6::text[])
       RETURNING id`,
      [
        target.organisationId,
        target.userId ?? null,
        message.kind,
        message.subjectType ?? null,
        message.subjectId ?? null,
        target.roles ?? null,
      ],
    );
    return rows.length;
  }
}
