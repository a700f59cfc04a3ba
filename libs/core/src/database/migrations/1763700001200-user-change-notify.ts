import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of a user row notifies `user_changed` with the user's id, at commit. API processes keep
 * the users behind tokens in memory and evict them on this notification, so disabling an account or
 * changing a role takes effect at once on every replica, whatever made the change (the API, a script,
 * an operator's SQL).
 */
export class UserChangeNotify1763700001200 implements MigrationInterface {
  name = 'UserChangeNotify1763700001200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('user_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_users_changed AFTER UPDATE OR DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION notify_user_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER trg_users_changed ON users`);
    await db.query(`DROP FUNCTION notify_user_changed()`);
  }
}
