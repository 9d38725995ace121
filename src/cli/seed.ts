import { runDatabaseCommand } from './run-database-command';

// `npm run seed`: apply pending migrations, then load the demo steps not loaded before.
void runDatabaseCommand('seed', true);
