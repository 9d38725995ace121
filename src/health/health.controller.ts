import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { Public } from '../core/auth/decorators';

/**
 * Readiness (the database answers). Liveness, GET /health/live, is answered before any
 * middleware (app.factory.ts).
 */
@Controller('health')
@Public()
// Every named throttler, not only "default": probes must never be refused.
@SkipThrottle({ default: true, user: true, login: true })
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  @Get()
  @HttpCode(200)
  async health(): Promise<{ status: 'ok'; database: 'up' }> {
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }
}
