import { Controller, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { Allow } from '../core/auth/decorators';
import { PortalRequest, requestContextOf } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { BadInputError } from '../core/errors/domain-error';
import { ErrorCode } from '../core/errors/error-code';
import { DomainErrorHttpFilter } from './domain-error-http.filter';
import { YoungPeopleImportService } from './young-people-import.service';
import { RegisterSourceKind } from './register-sources/register-source-kind';
import { RegisterSourcesService } from './register-sources/register-sources.service';

/**
 * Large files: the body streams straight from the socket into the parser (the global
 * body parser only reads JSON), so memory does not grow with the file.
 */
@Controller('imports')
@UseFilters(DomainErrorHttpFilter)
export class ImportsController {
  constructor(
    private readonly imports: YoungPeopleImportService,
    private readonly sources: RegisterSourcesService,
  ) {}

  /** 200 with the result when imported (or a clean dry run); 422 with the problems otherwise. */
  @Post('young-people')
  @HttpCode(200)
  @Allow(Action.Create, 'Import')
  async importYoungPeople(
    @Req() req: PortalRequest,
    @Res({ passthrough: true }) res: Response,
    @Query('dryRun') dryRun?: string,
  ) {
    const refused = refuseNonCsv(req, res, dryRun);
    if (refused) return refused;
    const ctx = requestContextOf(req);
    const result = await this.imports.run(ctx, req, { dryRun: dryRun === 'true' });
    if (result.errorCount > 0) res.status(422);
    return result;
  }

  /** A reconciliation source (importRegisterSource) streamed as a large file. */
  @Post('register-sources')
  @HttpCode(200)
  @Allow(Action.Create, 'Import')
  async importRegisterSource(
    @Req() req: PortalRequest,
    @Res({ passthrough: true }) res: Response,
    @Query('kind') kind: string,
    @Query('name') name: string,
    @Query('sourceDate') sourceDate: string,
    @Query('dryRun') dryRun?: string,
  ) {
    const refused = refuseNonCsv(req, res, dryRun);
    if (refused) return refused;
    const ctx = requestContextOf(req);
    const result = await this.sources.import(
      ctx,
      { kind: kind as RegisterSourceKind, name, sourceDate: String(sourceDate ?? '') },
      req,
      dryRun === 'true',
    );
    if (result.errorCount > 0) res.status(422);
    return result;
  }
}

function refuseNonCsv(req: PortalRequest, res: Response, dryRun: string | undefined) {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'text/csv' && type !== 'text/plain') {
    res.status(415);
    return {
      errors: [
        { message: 'Send the file as text/csv', extensions: { code: ErrorCode.BAD_USER_INPUT } },
      ],
    };
  }
  if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
    throw new BadInputError('dryRun must be true or false');
  }
  return null;
}
