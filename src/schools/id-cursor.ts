import { BadInputError } from '../core/errors/domain-error';
import { decodeCursor } from '../core/graphql/connection';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cursors of newest-first lists hold the last row's id; its timestamp is read in SQL. */
export function decodeIdCursor(after: string): string {
  const [id] = decodeCursor(after, 1);
  if (typeof id !== 'string' || !UUID.test(id)) throw new BadInputError('Invalid cursor');
  return id;
}
