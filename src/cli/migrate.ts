import { runDatabaseCommand } from './run-database-command';

// `npm run migrate`: apply pending migrations, load no demo data.
void runDatabaseCommand('migrate', false);
