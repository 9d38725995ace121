/**
 * `npm run trusted-documents`: registers the README's ```graphql examples as trusted
 * documents (trusted-documents/readme.json), which production accepts. Run it after
 * changing an example; a test fails while the file is stale. The web client's build
 * writes its own manifest (web/dist/operations.json), read as well.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeDocuments } from '../src/core/graphql/pipeline/trusted-documents';

const root = join(__dirname, '..');
const documents = readmeDocuments(readFileSync(join(root, 'README.md'), 'utf8'));
mkdirSync(join(root, 'trusted-documents'), { recursive: true });
writeFileSync(
  join(root, 'trusted-documents', 'readme.json'),
  JSON.stringify({ source: 'readme', documents }, null, 2) + '\n',
);
process.stdout.write(`trusted-documents/readme.json: ${documents.length} documents\n`);
