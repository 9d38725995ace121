import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadConfig } from './core/config/app-config';
import { prepareDatabase } from './core/database/prepare-database';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-users';

/**
 * `npm start`: embedded PostgreSQL when DATABASE_URL is unset, migrations, demo data
 * once, then the API on PORT.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Bootstrap');
  const db = await prepareDatabase(config, (m) => logger.log(m));
  const app = await createApp(config, db.url);
  await app.listen(config.port);
  logger.log(`GraphQL API at http://localhost:${config.port}/graphql`);
  if (config.nodeEnv === 'development' && db.demoLoaded) {
    // Demo logins are printed in development only, so a new user can try every role.
    const lines = DEMO_USERS.map((u) => `  ${u.roles.join(',').padEnd(28)} ${u.email}`);
    logger.log(`Demo users (password "${DEMO_PASSWORD}"):\n${lines.join('\n')}`);
  }
  const stop = async () => {
    await app.close();
    await db.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: Error) => {
  new Logger('Bootstrap').error(`start-up failed: ${e.message}`);
  process.exit(1);
});
