/** Anything with Django's `clearsessions`: `d1Store`, or a `cachedStore` over it. */
export interface ExpiringStore {
  clearExpired(): Promise<number>;
}

/** Options for {@link clearExpiredSessions}. */
export interface ClearExpiredSessionsOptions {
  /**
   * Run only for this cron expression (as written in wrangler's `triggers.crons`),
   * so one Worker can keep other Cron Triggers for other jobs. [every trigger]
   */
  cron?: string;
  /** Called with the number of rows removed, e.g. to log it (the library never logs). */
  onCleared?: (count: number, controller: ScheduledController) => void | Promise<void>;
}

/**
 * A `scheduled` handler for a Workers Cron Trigger that deletes expired
 * sessions. The store comes from `env` on each run, as bindings do.
 *
 * The work is handed to `ctx.waitUntil` so the invocation stays alive until
 * the DELETE finishes, and a failure is reported as the Cron event's outcome
 * (visible in the dashboard's Cron Events), never swallowed.
 */
export function clearExpiredSessions<Env = unknown>(
  store: ExpiringStore | ((env: Env) => ExpiringStore),
  options: ClearExpiredSessionsOptions = {},
): ExportedHandlerScheduledHandler<Env> {
  return (controller, env, ctx) => {
    if (options.cron !== undefined && controller.cron !== options.cron) return;
    const target = typeof store === "function" ? store(env) : store;
    ctx.waitUntil(
      (async () => {
        const count = await target.clearExpired();
        await options.onCleared?.(count, controller);
      })(),
    );
  };
}
