import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { APPLICATION_ROLE } from '../authorization/entitlement/row-policies.sql';

/**
 * The URL the API uses for request traffic: the application role, which row-level
 * security applies to. Production names it (APP_DATABASE_URL). Otherwise the owner
 * (DATABASE_URL or the embedded server) gives the role a login whose password is derived
 * from the owner's, so every process on the same server derives the same one and
 * concurrent starts (parallel tests) never lock each other out.
 */
export async function applicationRoleUrl(ownerUrl: string, explicit?: string): Promise<string> {
  if (explicit) return explicit;
  const url = new URL(ownerUrl);
  const password = createHmac('sha256', decodeURIComponent(url.password) || ownerUrl)
    .update(APPLICATION_ROLE)
    .digest('hex');
  url.username = APPLICATION_ROLE;
  url.password = password;
  const appUrl = url.toString();
  if (await canLogIn(appUrl)) return appUrl;
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    // Two processes may grant at once; PostgreSQL then reports a concurrent update.
    for (let attempt = 0; ; attempt++) {
      try {
        await owner.query(
          `ALTER ROLE ${APPLICATION_ROLE} WITH LOGIN PASSWORD ${owner.escapeLiteral(password)}`,
        );
        break;
      } catch (e) {
        if (attempt >= 5) throw e;
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      }
    }
  } finally {
    await owner.end();
  }
  return appUrl;
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
