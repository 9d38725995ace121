import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { Clock } from './clock/clock';
import { AbilityFactory } from './authorization/ability.factory';
import { JwtStrategy } from './auth/jwt.strategy';
import { accessTokenKey } from './auth/access-token-key';

/** Config, the clock, authentication and the ability factory, shared by every domain module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig) {
    return {
      module: CoreModule,
      imports: [
        PassportModule,
        JwtModule.register({
          global: true,
          secret: accessTokenKey(config.jwtSecret),
          signOptions: { expiresIn: config.accessTokenTtlSeconds, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: config.clock },
        AbilityFactory,
        JwtStrategy,
      ],
      exports: [APP_CONFIG, Clock, AbilityFactory],
    };
  }
}
