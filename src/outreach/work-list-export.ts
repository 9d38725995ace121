import { ArgsType, Field, Query, Resolver, Args } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { IsEnum } from 'class-validator';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import {
  ExportFileModel,
  ExportFormat,
  TableColumn,
  tableFile,
} from '../reports/document/table-file';
import { WorkListArgs } from './dto/work-list.inputs';
import { WorkListItemModel } from './models/work-list.model';
import { WorkListService } from './work-list.service';

export const MAX_EXPORT_ROWS = 5000;

@ArgsType()
export class WorkListExportArgs extends WorkListArgs {
  @Field(() => ExportFormat)
  @IsEnum(ExportFormat)
  format: ExportFormat;
}

/** Swedish column headings; protected identity's address and phone stay empty. */
const COLUMNS: TableColumn<WorkListItemModel>[] = [
  ['Prioritet', (r) => r.priority],
  ['Orsak', (r) => r.reason],
  ['Förnamn', (r) => r.givenName],
  ['Efternamn', (r) => r.familyName],
  ['Ålder', (r) => r.age],
  ['Adress', (r) => r.streetAddress],
  ['Postnummer', (r) => r.postalCode],
  ['Ort', (r) => r.city],
  ['Telefon', (r) => r.phone],
  ['Ansvarig', (r) => r.responsibleName],
  ['Nästa uppföljning', (r) => r.nextFollowUpDate],
  ['Dagar sedan kontakt', (r) => r.daysSinceLastContact],
  ['Senaste kontakt', (r) => r.lastContactAt?.toISOString().slice(0, 10) ?? null],
  ['Bokat hembesök', (r) => r.nextHomeVisitAt?.toISOString().slice(0, 16) ?? null],
];

@Injectable()
export class WorkListExportService {
  constructor(private readonly workList: WorkListService) {}

  async export(ctx: RequestContext, args: WorkListExportArgs): Promise<ExportFileModel> {
    const rows = await this.workList.exportRows(ctx, args, MAX_EXPORT_ROWS);
    return tableFile(args.format, {
      baseName: `arbetslista-${ctx.actor.municipalityCode}`,
      sheetName: 'Arbetslista',
      columns: COLUMNS,
      rows,
    });
  }
}

@Resolver()
export class WorkListExportResolver {
  constructor(private readonly exports: WorkListExportService) {}

  @Allow(Action.Read, 'WorkList')
  @Query(() => ExportFileModel, {
    description: `YOUTH_COORDINATOR: the work list with the same filters as a CSV or XLSX file (at most ${MAX_EXPORT_ROWS} rows, in list order); address and phone as on the list (never for protected identity). Logged as EXPORT.`,
  })
  workListExport(@Ctx() ctx: RequestContext, @Args() args: WorkListExportArgs) {
    return this.exports.export(ctx, args);
  }
}
