import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Put,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { Response } from 'express';
import { Allow } from '../core/auth/decorators';
import { PortalRequest, requestContextOf } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { DomainErrorHttpFilter } from '../imports/domain-error-http.filter';
import { ConsentDocumentService, readDocumentBody } from './consent-document.service';

/**
 * The signed consent document as a file: PUT /consents/:id/document with the PDF or image as
 * the body (its own content-type), GET /consents/:id/document to read it. The body is not
 * JSON, so the global parser leaves it to readDocumentBody, which stops at the size limit.
 */
@Controller('consents')
@UseFilters(DomainErrorHttpFilter)
export class ConsentDocumentController {
  constructor(private readonly documents: ConsentDocumentService) {}

  @Put(':id/document')
  @HttpCode(201)
  @Allow(Action.Update, 'Consent')
  async upload(@Req() req: PortalRequest, @Param('id', ParseUUIDPipe) id: string) {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const content = await readDocumentBody(req as never);
    return this.documents.attach(requestContextOf(req), id, type, content);
  }

  @Get(':id/document')
  @Allow(Action.Read, 'Consent')
  async download(
    @Req() req: PortalRequest,
    @Res() res: Response,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    const doc = await this.documents.read(requestContextOf(req), id);
    res
      .status(200)
      .set('content-type', doc.contentType)
      .set('content-disposition', 'attachment; filename="samtycke"')
      .set('cache-control', 'no-store')
      .set('x-content-type-options', 'nosniff')
      .set('digest', `sha-256=${Buffer.from(doc.sha256, 'hex').toString('base64')}`)
      .send(doc.content);
  }
}
