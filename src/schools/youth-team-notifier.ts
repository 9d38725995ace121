import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../identity/role.enum';
import { NotificationMessage, NotificationWriter } from '../notifications/notification.writer';

/** Tells the coordinators of every youth team of a municipality, in the caller's transaction. */
@Injectable()
export class YouthTeamNotifier {
  constructor(private readonly notifications: NotificationWriter) {}

  async notify(
    em: EntityManager,
    municipalityCode: string,
    message: NotificationMessage,
  ): Promise<void> {
    const teams: { id: string }[] = await em.query(
      `SELECT id FROM organisation WHERE municipality_code = $1 AND kind = 'YOUTH_TEAM'`,
      [municipalityCode],
    );
    for (const team of teams) {
      await this.notifications.notify(
        em,
        { organisationId: team.id, roles: [Role.YOUTH_COORDINATOR] },
        message,
      );
    }
  }
}
