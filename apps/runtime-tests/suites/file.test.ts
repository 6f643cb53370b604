import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeSessionFlow, describeStore } from "@edge-session/core/testing";
import { fileStore } from "@edge-session/fs";
import { afterAll } from "vitest";
import { bind } from "./bind.ts";

// Node, Deno and Bun only (node:fs): not part of the workerd run. The directory exists
// while the file loads, so the suites can build a store (and read its capabilities) when
// they register their cases: cases that do not apply show as skipped.
const dir = await mkdtemp(join(tmpdir(), "edge-session-rt-"));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// One directory for the whole file: the conformance suite gives every test its own ids,
// and clearExpired must cope with other tests' records beside its own.
describeStore("fileStore", () => fileStore({ dir }));
describeSessionFlow("withSession + fileStore", { store: () => fileStore({ dir }), bind });
