import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from './support/test-app';

const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');
const HEADER =
  '# Generated from the running API by `npm run schema`; do not edit by hand.\n' +
  '# A test (test/schema.e2e-spec.ts) fails when it is stale.\n\n';

/** The committed schema.graphql must be what the code serves, so schema changes show in review. */
describe('schema.graphql', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('matches the schema the running API serves', () => {
    // The app is configured with sortSchema, so the printed order is lexicographic and stable.
    const current = HEADER + printSchema(t.app.get(GraphQLSchemaHost).schema) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') {
      writeFileSync(SCHEMA_FILE, current);
      return;
    }
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed !== current) {
      throw new Error(
        'schema.graphql is stale: the API serves a different schema. ' +
          'Run `npm run schema`, review the diff and commit schema.graphql.',
      );
    }
  });
});
