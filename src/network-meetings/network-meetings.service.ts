import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { Clock } from '../core/clock/clock';
import { isCalendarDate } from '../core/clock/stockholm-calendar';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { NetworkMeetingsArgs, RecordNetworkMeetingInput } from './dto/network-meeting.inputs';
import { NetworkMeetingModel } from './models/network-meeting.model';
import { NetworkMeetingEntity } from './network-meeting.entity';
import { NETWORK_MEETING } from './network-meetings.abilities';

const EARLIEST = '2000-01-01';

/**
 * The youth team's professional and network meetings. They hold counts and organisation
 * names, never a young person, so neither recording nor listing them is an access-log
 * event (DESIGN §7 logs reads of personal data); the monthly report that shows them is
 * logged as a whole.
 */
@Injectable()
export class NetworkMeetingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(
    ctx: RequestContext,
    input: RecordNetworkMeetingInput,
  ): Promise<NetworkMeetingModel> {
    const heldOn = input.heldOn;
    if (!isCalendarDate(heldOn) || heldOn < EARLIEST)
      throw new BadInputError(`heldOn must be a calendar date from ${EARLIEST}`, {
        field: 'heldOn',
      });
    if (heldOn > this.clock.today())
      throw new BadInputError('heldOn must not be in the future: record a meeting once held', {
        field: 'heldOn',
      });
    const names = new Set(input.organisations.map((o) => o.toLocaleLowerCase('sv')));
    if (names.size < input.organisations.length)
      throw new BadInputError('an organisation is named twice', { field: 'organisations' });
    if (input.organisations.length > input.participants)
      throw new BadInputError('every organisation named needs at least one participant', {
        field: 'participants',
      });
    const row = {
      municipalityCode: ctx.actor.municipalityCode,
      heldOn,
      kind: input.kind,
      participants: input.participants,
      organisations: input.organisations,
      topic: input.topic,
      createdBy: ctx.actor.userId,
    };
    if (!ctx.ability.can(Action.Create, subject(NETWORK_MEETING, row)))
      throw new NotFoundError('Municipality');
    const saved = await this.ds.getRepository(NetworkMeetingEntity).save(row);
    return NetworkMeetingModel.from(saved);
  }

  /** The own municipality's meetings, newest first. */
  async list(ctx: RequestContext, args: NetworkMeetingsArgs): Promise<Page<NetworkMeetingModel>> {
    for (const field of ['from', 'to'] as const) {
      const value = args[field];
      if (value !== undefined && !isCalendarDate(value))
        throw new BadInputError(`${field} must be a calendar date`, { field });
    }
    const qb = this.ds.getRepository(NetworkMeetingEntity).createQueryBuilder('m');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, NETWORK_MEETING))
      return toPage([], 0, 0, () => []);
    if (args.from) qb.andWhere('m.held_on >= :from', { from: args.from });
    if (args.to) qb.andWhere('m.held_on <= :to', { to: args.to });
    if (args.kind) qb.andWhere('m.kind = :kind', { kind: args.kind });
    const counted = qb.clone();
    if (args.after) {
      const [heldOn, id] = decodeCursor(args.after, 2);
      if (
        typeof heldOn !== 'string' ||
        !isCalendarDate(heldOn) ||
        typeof id !== 'string' ||
        !isUUID(id)
      )
        throw new BadInputError('Invalid cursor');
      qb.andWhere('(m.held_on, m.id) < (:heldOn, :id)', { heldOn, id });
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('m.held_on', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(size + 1)
      .getMany();
    return toPage(
      rows.map(NetworkMeetingModel.from),
      size,
      () => counted.getCount(),
      (m) => [m.heldOn, m.id],
    );
  }
}
