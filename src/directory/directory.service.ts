import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../core/database/query-rows';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { OrganisationDirectoryArgs } from './directory.args';
import { DirectoryEntryModel } from './directory-entry.model';

/**
 * The organisation directory: every organisation of the deployment, across municipalities,
 * by name. It holds no personal data (organisations and their functional contact points
 * only), so reading it writes no access-log row.
 */
@Injectable()
export class DirectoryService {
  constructor(private readonly ds: DataSource) {}

  async search(args: OrganisationDirectoryArgs): Promise<Page<DirectoryEntryModel>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (args.search)
      where.push(`strpos(lower(o.name), lower($${params.push(args.search.trim())})) > 0`);
    if (args.kind) where.push(`o.kind = $${params.push(args.kind)}`);
    if (args.municipalityCode)
      where.push(`o.municipality_code = $${params.push(args.municipalityCode)}`);
    const filter = where.length ? where.join(' AND ') : 'TRUE';
    const countParams = [...params];
    if (args.after) {
      const [name, id] = decodeCursor(args.after, 2);
      where.push(`(lower(o.name), o.id) > ($${params.push(name)}, $${params.push(id)}::uuid)`);
    }
    const size = pageSize(args);
    const rows = await queryRows<DirectoryEntryModel & { sortName: string }>(
      this.ds,
      `SELECT o.id, o.name, o.kind, o.municipality_code AS "municipalityCode",
              m.name AS "municipalityName", o.contact_point AS "contactPoint", lower(o.name) AS "sortName"
         FROM organisation o JOIN municipality m ON m.code = o.municipality_code
        WHERE ${where.length ? where.join(' AND ') : 'TRUE'}
        ORDER BY lower(o.name), o.id LIMIT ${size + 1}`,
      params,
    );
    const total = async () =>
      (
        await queryRows<{ n: number }>(
          this.ds,
          `SELECT count(*)::int AS n FROM organisation o WHERE ${filter}`,
          countParams,
        )
      )[0].n;
    return toPage(
      rows.map(({ sortName, ...entry }) => {
        void sortName;
        return Object.assign(new DirectoryEntryModel(), entry);
      }),
      size,
      total,
      (e) => [e.name.toLowerCase(), e.id],
    );
  }
}
