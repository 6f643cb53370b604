import type { SessionPatch } from "@edge-session/core";

/** One list of changes (data or flash) as the patch statement takes it: keys to drop, keys to set with their JSON text. */
export interface ChangeSet {
  drop: string[];
  setKeys: string[];
  setValues: string[];
}

/**
 * Turns a patch's ordered changes into the statement's arrays, keys as their
 * JSON text (the row's key form, see layout.ts). A key changed twice keeps its
 * last change, as applying them in order would.
 * @example
 * ```ts
 * changeSet([["a", "1"], ["b", null]]); // { drop: ['"b"'], setKeys: ['"a"'], setValues: ["1"] }
 * ```
 */
export function changeSet(changes: SessionPatch["data"]): ChangeSet {
  const last = new Map<string, string | null>();
  for (const [key, json] of changes) {
    const k = JSON.stringify(key);
    last.delete(k); // re-inserted: Map order = order of each key's last change
    last.set(k, json);
  }
  const plan: ChangeSet = { drop: [], setKeys: [], setValues: [] };
  for (const [key, json] of last) {
    if (json === null) plan.drop.push(key);
    else {
      plan.setKeys.push(key);
      plan.setValues.push(json);
    }
  }
  return plan;
}
