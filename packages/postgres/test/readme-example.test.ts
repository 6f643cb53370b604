// The README's runnable example, run as written against this file's PostgreSQL cluster.
import { expect, it } from "vitest";
import { runReadmeExample } from "../../redis/test/readme-example.ts";
import { useCluster } from "./use-cluster.ts";

const fx = useCluster();

it("the README's runnable example counts three visits", async () => {
  const { code, lines } = await runReadmeExample(new URL("../README.md", import.meta.url), { DATABASE_URL: fx.cluster().url });
  expect(code).toContain("postgresStore");
  expect(lines).toEqual(["200 visit number 1", "200 visit number 2", "200 visit number 3"]);
});
