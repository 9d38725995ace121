import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenancy, identity, refresh tokens and the append-only, hash-chained access log. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipality (
        code char(4) PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('YOUTH_TEAM','SCHOOL','SOCIAL_SERVICES','LABOUR_OFFICE','ASSOCIATION','YOUTH_CLINIC','OTHER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (id, municipality_code),
        UNIQUE (municipality_code, name)
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        municipality_code char(4) NOT NULL,
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['YOUTH_COORDINATOR','COUNSELLOR','SOCIAL_WORKER','EMPLOYMENT_OFFICER','ASSOCIATION_LEADER','MANAGER','AUDITOR','ORG_ADMIN','MUNICIPALITY_ADMIN']::text[]),
        active boolean NOT NULL DEFAULT true,
        failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organisation_id, municipality_code) REFERENCES organisation(id, municipality_code) ON UPDATE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
    await q.query(`CREATE INDEX app_user_organisation_idx ON app_user (organisation_id)`);
    await q.query(`CREATE INDEX app_user_municipality_idx ON app_user (municipality_code)`);

    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)`);

    // Which demo-data steps have been loaded, so new features add their demo data to
    // an existing development database on the next start.
    await q.query(
      `CREATE TABLE demo_seed_step (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );

    // The access log (loggkontroll, DESIGN.md §7). Rows are inserted freely; a sealer
    // links them into the hash chain in seal order moments later, so writers never
    // queue on one lock. Ids only: no names, no personnummer.
    await q.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_id text,
        actor_user_id uuid,
        actor_organisation_id uuid,
        actor_municipality_code char(4),
        subject_municipality_code char(4),
        action text NOT NULL CHECK (action ~ '^[A-Z_]{2,40}$'),
        subject_type text NOT NULL CHECK (subject_type ~ '^[A-Z_]{2,40}$'),
        subject_ids uuid[] NOT NULL DEFAULT '{}',
        young_person_ids uuid[] NOT NULL DEFAULT '{}',
        fields text[] NOT NULL DEFAULT '{}',
        legal_basis text NOT NULL CHECK (legal_basis ~ '^[A-Z_]{2,40}$'),
        consent_ids uuid[] NOT NULL DEFAULT '{}',
        seal_seq bigint UNIQUE,
        prev_hash text,
        hash text,
        CHECK ((seal_seq IS NULL) = (hash IS NULL))
      )`);
    await q.query(
      `CREATE INDEX access_log_subject_muni_idx ON access_log (subject_municipality_code, occurred_at)`,
    );
    await q.query(
      `CREATE INDEX access_log_actor_muni_idx ON access_log (actor_municipality_code, occurred_at)`,
    );
    await q.query(
      `CREATE INDEX access_log_actor_user_idx ON access_log (actor_user_id, occurred_at)`,
    );
    await q.query(
      `CREATE INDEX access_log_actor_org_idx ON access_log (actor_organisation_id, occurred_at)`,
    );
    await q.query(
      `CREATE INDEX access_log_young_person_idx ON access_log USING gin (young_person_ids)`,
    );
    await q.query(`CREATE INDEX access_log_subject_ids_idx ON access_log USING gin (subject_ids)`);
    await q.query(`CREATE INDEX access_log_unsealed_idx ON access_log (id) WHERE hash IS NULL`);

    // Append-only: the only permitted update is the sealer filling in the chain columns
    // of an unsealed row; everything else, deletes and truncation included, is refused.
    await q.query(`
      CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
           AND ROW(OLD.id, OLD.occurred_at, OLD.request_id, OLD.actor_user_id, OLD.actor_organisation_id,
                   OLD.actor_municipality_code, OLD.subject_municipality_code, OLD.action, OLD.subject_type,
                   OLD.subject_ids, OLD.young_person_ids, OLD.fields, OLD.legal_basis, OLD.consent_ids)
               IS NOT DISTINCT FROM
               ROW(NEW.id, NEW.occurred_at, NEW.request_id, NEW.actor_user_id, NEW.actor_organisation_id,
                   NEW.actor_municipality_code, NEW.subject_municipality_code, NEW.action, NEW.subject_type,
                   NEW.subject_ids, NEW.young_person_ids, NEW.fields, NEW.legal_basis, NEW.consent_ids)
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_append_only()`);
    await q.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()`);
    // Defence in depth for deployments where the application connects as a non-owner role.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log`);
    await q.query(`DROP FUNCTION access_log_append_only()`);
    await q.query(`DROP TABLE demo_seed_step`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organisation`);
    await q.query(`DROP TABLE municipality`);
  }
}
