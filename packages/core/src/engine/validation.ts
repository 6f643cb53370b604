import { CSRF_SESSION_KEY } from "../csrf/secret.ts";
import { SessionValidationError } from "../errors.ts";
import type { StandardIssue, StandardSchemaV1 } from "../standard-schema.ts";
import type { SessionPayload } from "../store.ts";

/**
 * Schema checks (docs/design.md, "Validated data"). The schema describes the
 * session's data as the app sees it: the CSRF secret, which the engine keeps
 * under `_csrftoken`, is left out. Validation decides only yes or no: the
 * stored value stays what the app wrote, never the validator's output (which
 * may strip keys or fill defaults).
 */
async function issuesOf(schema: StandardSchemaV1, data: Record<string, unknown>): Promise<readonly StandardIssue[] | undefined> {
  let checked = data;
  if (Object.hasOwn(data, CSRF_SESSION_KEY)) {
    checked = { ...data };
    delete checked[CSRF_SESSION_KEY];
  }
  const result = await schema["~standard"].validate(checked);
  return result.issues;
}

function describe(issues: readonly StandardIssue[]): { message: string; path?: PropertyKey[] }[] {
  return issues.map((issue) => ({
    message: issue.message,
    ...(issue.path ? { path: issue.path.map((segment) => (typeof segment === "object" ? segment.key : segment)) } : {}),
  }));
}

/**
 * The error for changed values the schema refuses, naming the changed key the
 * first issue points at; undefined when valid. The message names the key and
 * path only: validators quote the value they refused ("Received 1.5"), so
 * their messages stay in `issues`, for the app that made the change.
 */
export async function invalidValue(
  schema: StandardSchemaV1,
  data: Record<string, unknown>,
  changed: readonly string[],
): Promise<SessionValidationError | undefined> {
  const issues = await issuesOf(schema, data);
  if (!issues?.length) return undefined;
  const found = describe(issues);
  const first = found[0]!;
  const head = first.path?.[0];
  const key = typeof head === "string" && changed.includes(head) ? head : changed[0]!;
  const where = first.path?.length ? ` (at ${first.path.map(String).join(".")})` : "";
  return new SessionValidationError(`session value for key "${key}" does not match the schema${where}`, key, found);
}

/** The error for stored data that the schema refuses; undefined when it is valid. Flash values are checked with the data. */
export async function invalidStoredData(schema: StandardSchemaV1, payload: SessionPayload): Promise<SessionValidationError | undefined> {
  const issues = await issuesOf(schema, { ...payload.data, ...payload.flash });
  if (!issues?.length) return undefined;
  // Reported to onError, so to logs: the paths only, never the validator's messages, which quote stored values.
  const paths = describe(issues).map((issue) => ({ message: "does not match the schema", ...(issue.path ? { path: issue.path } : {}) }));
  return new SessionValidationError("the stored session data does not match the schema; it is read as an empty session", undefined, paths);
}
