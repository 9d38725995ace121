import { runMigrations } from '../../src/core/database/migrate';

runMigrations(process.argv[2]).catch((e: Error) => {
  process.stderr.write(`migration failed: ${e.message}\n`);
  process.exit(1);
});
