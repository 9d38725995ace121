import { Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AccessAction } from '../../audit/access-log-entry';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { Clock } from '../../core/clock/clock';
import { NotFoundError } from '../../core/errors/domain-error';
import { IdArg } from '../../core/graphql/id-arg';
import { YOUNG_PERSON_LOOKUP } from '../young-person-fields';
import { YoungPersonLogService } from '../young-person-log.service';
import { toYoungPersonModel } from '../young-person.mapper';
import { queryYoungPeople } from '../young-people.query';
import { loggedRecord, YOUNG_PERSON_SUBJECT } from '../young-people.service';
import { HistoryKind, YoungPersonHistoryModel } from './history.model';
import { queryHistory } from './history.query';

@Resolver(() => YoungPersonHistoryModel)
export class YoungPersonHistoryResolver {
  constructor(
    private readonly ds: DataSource,
    private readonly logs: YoungPersonLogService,
    private readonly clock: Clock,
  ) {}

  @Allow(Action.Read, YOUNG_PERSON_LOOKUP)
  @Query(() => YoungPersonHistoryModel, {
    description:
      'A young person’s whole history the caller may see (register periods, occupations, contacts, measures, plans, closures, risk flags, notices, cases), newest first, in a fixed number of statements. NOT_FOUND when the person is not visible. One access-log READ names the person’s fields and the kinds shown.',
  })
  async youngPersonHistory(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
  ): Promise<YoungPersonHistoryModel> {
    const [row] = (
      await queryYoungPeople(this.ds, { ids: [id], size: 1, today: this.clock.today() })
    ).filter((r) => r.id !== null);
    if (!row) throw new NotFoundError('Young person');
    const person = toYoungPersonModel(row);
    const entries = await queryHistory(this.ds, id);
    const kinds = Object.values(HistoryKind).filter((k) => entries.some((e) => e.kind === k));
    await this.logs.read(
      ctx,
      this.ds.manager,
      AccessAction.READ,
      YOUNG_PERSON_SUBJECT,
      [loggedRecord(row)],
      [...person.readable, ...kinds.map((k) => `history.${k}`)],
    );
    return { person, kinds, entries };
  }
}
