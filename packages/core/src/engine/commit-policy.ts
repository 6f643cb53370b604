import type { ResolvedOptions } from "../options.ts";
import { withSessionHeaders } from "../response.ts";
import type { SessionDraft } from "../session-draft.ts";
import type { Persistence } from "./persistence.ts";

/**
 * Django's SessionMiddleware decisions, in its order (docs/design.md §1–§5):
 * an untouched session costs nothing; a server error saves nothing; an
 * emptied session loses its record and cookie; a modified one is saved; an
 * unmodified one is re-issued only when rolling expiry is due.
 */
export async function commitSession(
  draft: SessionDraft,
  persistence: Persistence,
  response: Response,
  options: ResolvedOptions,
): Promise<Response> {
  if (!draft.accessed) return response; // §1
  return withSessionHeaders(response, await setCookieLines(draft, persistence, response.status, options));
}

async function setCookieLines(draft: SessionDraft, persistence: Persistence, status: number, options: ResolvedOptions): Promise<string[]> {
  // Django never saves on a server error. A killed id is dead already, so its cookie goes.
  if (status >= 500) return draft.killed && persistence.hadCookie ? persistence.removalCookies() : [];
  if (draft.isEmpty()) return persistence.hadCookie ? persistence.remove() : [];
  if (draft.modified) return persistence.save(draft);
  if (rollingRefreshDue(draft, persistence, options)) return persistence.refresh(draft);
  return [];
}

/**
 * Rolling expiry (`saveEveryRequest`) re-issues a found session once its last
 * save is `touchAfter` seconds old; a fixed expiry instant never rolls.
 */
function rollingRefreshDue(draft: SessionDraft, persistence: Persistence, options: ResolvedOptions): boolean {
  const { savedAt } = persistence;
  if (!options.saveEveryRequest || savedAt === null || typeof draft.payload.expiry === "object") return false;
  return options.now() - savedAt >= options.touchAfter * 1000;
}
