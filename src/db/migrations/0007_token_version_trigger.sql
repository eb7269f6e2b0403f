-- Hand-written: drizzle-kit does not express triggers. Whatever path changes a password or deactivates an
-- account (the API, the CLI, raw SQL), the access tokens issued before it stop working.
CREATE FUNCTION users_bump_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.token_version := OLD.token_version + 1;
    NEW.password_changed_at := now();
  ELSIF OLD.is_active AND NOT NEW.is_active THEN
    NEW.token_version := OLD.token_version + 1;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_bump_token_version BEFORE UPDATE OF password_hash, is_active ON users
  FOR EACH ROW EXECUTE FUNCTION users_bump_token_version();
