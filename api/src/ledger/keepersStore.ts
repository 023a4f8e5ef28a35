import type { Kysely } from 'kysely';
import type { LedgerSchema } from './schema.js';

/** Which keeper addresses may sign for which vault (lower-case). */
export function keepersStore(db: Kysely<LedgerSchema>, now: () => string) {
  return {
    async addKeeper(vault: string, keeper: string): Promise<void> {
      await db
        .insertInto('keepers')
        .values({ vault: vault.toLowerCase(), keeper: keeper.toLowerCase(), created_at: now() })
        .onConflict((oc) => oc.columns(['vault', 'keeper']).doNothing())
        .execute();
    },
    async removeKeeper(vault: string, keeper: string): Promise<boolean> {
      const result = await db
        .deleteFrom('keepers')
        .where('vault', '=', vault.toLowerCase())
        .where('keeper', '=', keeper.toLowerCase())
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async isKeeper(vault: string, keeper: string): Promise<boolean> {
      const row = await db
        .selectFrom('keepers')
        .select('keeper')
        .where('vault', '=', vault.toLowerCase())
        .where('keeper', '=', keeper.toLowerCase())
        .executeTakeFirst();
      return row !== undefined;
    },
    async listKeepers(vault?: string) {
      let q = db.selectFrom('keepers').selectAll().orderBy('vault').orderBy('keeper');
      if (vault) q = q.where('vault', '=', vault.toLowerCase());
      return q.execute();
    },
  };
}
