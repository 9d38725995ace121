import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { ActivitiesModule } from './activities/activities.module';
import { NetworkMeetingsModule } from './network-meetings/network-meetings.module';
import { RetentionModule } from './retention/retention.module';
import { AuditModule, AuditPluginModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { loginThrottler } from './auth/login-rate-limit';
import { AbilityGuard, JwtAuthGuard } from './core/auth/guards';
import { PortalRequest } from './core/auth/request-context';
import { GqlThrottlerGuard } from './core/auth/throttler.guard';
import { AppConfig } from './core/config/app-config';
import { CoreModule } from './core/core.module';
import { applicationRoleUrl } from './core/database/application-role';
import {
  dataSourceOptions,
  SYSTEM_DATA_SOURCE,
  systemDataSourceOptions,
} from './core/database/data-source-options';
import { bindRequestTransactions } from './core/database/request-transaction';
import { formatGraphqlError } from './core/errors/format-graphql-error';
import { GraphqlExceptionFilter } from './core/errors/graphql-exception.filter';
import { errorLogPlugin } from './core/graphql/error-log.plugin';
import { GraphiqlModule } from './core/graphql/graphiql/graphiql.module';
import { gatePlugin } from './core/graphql/pipeline/gate.plugin';
import { GraphqlGate } from './core/graphql/pipeline/graphql-gate';
import { GraphqlPipelineModule } from './core/graphql/pipeline/graphql-pipeline.module';
import { RequestFlush } from './audit/request-flush';
import { GraphQLSchema } from 'graphql';
import { pinoHttpOptions } from './core/logging/pino-options';
import { HealthController } from './health/health.controller';
import { CasesModule } from './cases/cases.module';
import { ConsentModule } from './consent/consent.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ConcernReportsModule } from './concern-reports/concern-reports.module';
import { EmergencyAccessModule } from './emergency-access/emergency-access.module';
import { IdentityModule } from './identity/identity.module';
import { NotificationsModule } from './notifications/notifications.module';
import { graphqlWsOptions } from './core/graphql/pipeline/graphql-ws.transport';
import { SchoolsModule } from './schools/schools.module';
import { OutreachModule } from './outreach/outreach.module';
import { ImportsModule } from './imports/imports.module';
import { ScbExtractModule } from './scb-extract/scb-extract.module';
import { YoungPeopleModule } from './young-people/young-people.module';
import { KaaRegisterModule } from './kaa-register/kaa-register.module';
import { RegisterExtractModule } from './register-extract/register-extract.module';
import { AuditToolsModule } from './audit-tools/audit-tools.module';
import { StaffLeaveModule } from './staff-leave/staff-leave.module';
import { ReportsModule } from './reports/reports.module';
import { DirectoryModule } from './directory/directory.module';
import { AlertsModule } from './alerts/alerts.module';
import { PermissionsModule } from './permissions/permissions.module';
import { DEMO_PASSWORD } from './demo/demo-users';
import { SsoModule } from './sso/sso.module';
import { ScimModule } from './scim/scim.module';
import { IntegrationsModule } from './integrations/integrations.module';

const GRAPHIQL_DEFAULT_QUERY = `# Ungdomsportalen's GraphQL API (development only).
# 1. Run Login as a demo user (the start-up output lists them).
# 2. In Headers below: {"Authorization": "Bearer <accessToken>"}
# 3. Run Me. The Docs (book icon) list every operation.

mutation Login {
  login(input: {
    email: "coordinator@trelleborg.demo"
    password: "${DEMO_PASSWORD}"
  }) {
    accessToken
  }
}

query Me {
  me {
    email
    roles
  }
}
`;

/** The whole API; the database URL is decided before (embedded or DATABASE_URL). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, sqlLogger?: TypeOrmLogger): DynamicModule {
    const production = config.nodeEnv === 'production';
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(config) }),
        // Request traffic: the application role, under row-level security, one
        // transaction per request carrying the actor (request-transaction.ts).
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...dataSourceOptions(
              config,
              await applicationRoleUrl(databaseUrl, config.appDatabaseUrl),
            ),
            autoLoadEntities: true,
            logger: sqlLogger,
          }),
          dataSourceFactory: async (options) => {
            const ds = new DataSource(options!);
            bindRequestTransactions(ds);
            return ds.initialize();
          },
        }),
        // Scheduled jobs (reminders, retention, sealing) and cross-organisation
        // aggregates run as the owner, outside any request.
        TypeOrmModule.forRoot({
          ...systemDataSourceOptions(config, databaseUrl),
          name: SYSTEM_DATA_SOURCE,
        }),
        // General and per-user limits are per request, in the gate (graphql-gate.ts); the
        // throttler keeps only the stricter per-address limit of login and refresh.
        ThrottlerModule.forRoot({
          throttlers: [loginThrottler(config)],
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [GraphqlPipelineModule],
          inject: [GraphqlGate, RequestFlush],
          // Both transports pass the same gate (core/graphql/pipeline/graphql-gate.ts).
          useFactory: (gate: GraphqlGate, flush: RequestFlush) => ({
            autoSchemaFile: true,
            sortSchema: true,
            // Nest's check runs the whole introspection query on every start (about half of
            // building the schema); Apollo's start asserts the schema valid anyway, and
            // test/schema prints it, default values included.
            buildSchemaOptions: { skipCheck: true },
            path: '/graphql',
            subscriptions: { 'graphql-ws': graphqlWsOptions(config, gate, flush) },
            transformSchema: (schema: GraphQLSchema) => (gate.schema = schema),
            playground: false,
            introspection: !production,
            parseOptions: gate.parseOptions,
            validationRules: gate.validationRules,
            csrfPrevention: true,
            includeStacktraceInErrorResponses: false,
            plugins: [
              gatePlugin(gate),
              errorLogPlugin(),
              // Apollo's landing page loads from a CDN; development has GraphiQL instead.
              ApolloServerPluginLandingPageDisabled(),
              // Apollo's default cache-control plugin computes a cache hint for every field
              // of every answer; answers here are never cached (personal data), and the
              // per-field hook cost grows with the page size.
              ApolloServerPluginCacheControlDisabled(),
            ],
            formatError: (formatted, error) =>
              formatGraphqlError(formatted, error, config.nodeEnv === 'development'),
            context: ({ req, res }: { req: PortalRequest; res: unknown }) => ({ req, res }),
          }),
        }),
        AuditModule,
        AuditPluginModule,
        IdentityModule,
        AuthModule,
        SsoModule,
        ScimModule,
        NotificationsModule,
        SchoolsModule,
        ConsentModule,
        CasesModule,
        ReferralsModule,
        ConcernReportsModule,
        EmergencyAccessModule,
        OutreachModule,
        ImportsModule,
        ScbExtractModule,
        YoungPeopleModule,
        KaaRegisterModule,
        ActivitiesModule,
        NetworkMeetingsModule,
        RetentionModule,
        RegisterExtractModule,
        AuditToolsModule,
        StaffLeaveModule,
        ReportsModule,
        DirectoryModule,
        AlertsModule,
        PermissionsModule,
        IntegrationsModule,
        ...(production ? [] : [GraphiqlModule.forRoot({ defaultQuery: GRAPHIQL_DEFAULT_QUERY })]),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: GqlThrottlerGuard },
        { provide: APP_GUARD, useClass: AbilityGuard },
      ],
    };
  }
}
