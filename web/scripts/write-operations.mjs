// After `vite build`: dist/operations.json lists every GraphQL operation the built client
// can send ({ "<sha256 of the document>": "<document>" }), for a trusted-documents check.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
copyFileSync(join(web, 'src/gql/persisted-documents.json'), join(web, 'dist/operations.json'));
