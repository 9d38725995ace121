import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { Allow } from '../core/auth/decorators';
import { PortalRequest, requestContextOf } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { DomainErrorHttpFilter } from '../imports/domain-error-http.filter';
import { ScbExtractService } from './scb-extract.service';

/** The same extract as a file download: GET /scb-extract?year=2025&half=1. */
@Controller('scb-extract')
@UseFilters(DomainErrorHttpFilter)
export class ScbExtractController {
  constructor(private readonly extracts: ScbExtractService) {}

  @Get()
  @Allow(Action.Export, 'ScbExtract')
  async download(
    @Req() req: PortalRequest,
    @Res() res: Response,
    @Query('year') year: string,
    @Query('half') half: string,
  ): Promise<void> {
    const extract = await this.extracts.extract(requestContextOf(req), Number(year), Number(half));
    res
      .status(200)
      .set('content-type', 'text/csv; charset=utf-8')
      .set('content-disposition', `attachment; filename="${extract.fileName}"`)
      .set('cache-control', 'no-store')
      .send(extract.csv);
  }
}
