import { DataSource, In } from 'typeorm';
import { PortalRequest } from '../core/auth/request-context';
import { requestLoader } from '../core/graphql/request-loader';
import { OrganisationModel } from '../identity/models/organisation.model';
import { OrganisationEntity } from '../identity/organisation.entity';

/**
 * Organisations named on consents, cases and referrals (names and kinds are not personal
 * data); batched per request.
 */
export function loadOrganisation(
  req: PortalRequest,
  ds: DataSource,
  id: string,
): Promise<OrganisationModel | null> {
  return requestLoader(req, 'portalOrganisationById', async (ids) => {
    const rows = await ds.getRepository(OrganisationEntity).findBy({ id: In([...ids]) });
    return new Map(rows.map((o) => [o.id, OrganisationModel.from(o)]));
  }).load(id);
}
