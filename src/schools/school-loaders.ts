import { DataSource, In } from 'typeorm';
import { PortalRequest } from '../core/auth/request-context';
import { requestLoader } from '../core/graphql/request-loader';
import { OrganisationModel } from '../identity/models/organisation.model';
import { OrganisationEntity } from '../identity/organisation.entity';

/** The school organisation behind a page of flags or notices, in one query. */
export function schoolLoader(req: PortalRequest, ds: DataSource) {
  return requestLoader<OrganisationModel>(req, 'schools.schoolById', async (ids) => {
    const rows = await ds.getRepository(OrganisationEntity).findBy({ id: In([...ids]) });
    return new Map(rows.map((o) => [o.id, OrganisationModel.from(o)]));
  });
}
