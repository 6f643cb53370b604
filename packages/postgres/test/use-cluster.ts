// One PostgreSQL cluster per test file, started before its tests and stopped by PID after them.
import postgres, { type Sql } from "postgres";
import { afterAll, beforeAll } from "vitest";
import { createTable } from "../src/index.ts";
import { type PgCluster, startCluster } from "./pg-process.ts";

export interface ClusterFixture {
  cluster: () => PgCluster;
  sql: () => Sql;
  /** A fresh table (created), so tests never see each other's rows. */
  table: () => Promise<string>;
}

export function useCluster(): ClusterFixture {
  let cluster: PgCluster | undefined;
  let sql: Sql | undefined;
  beforeAll(async () => {
    cluster = await startCluster();
    sql = postgres(cluster.url, { max: 10, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    await cluster?.destroy();
  });
  return {
    cluster: () => cluster!,
    sql: () => sql!,
    table: async () => {
      const table = `t_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
      await createTable(sql!, { table });
      return table;
    },
  };
}
