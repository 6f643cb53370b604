import { assertJsonValue } from "./json-value.ts";
import { emptyPayload, isEmptyPayload } from "./payload.ts";
import type { ExpirySetting, SessionPatch, SessionPayload } from "./store.ts";

type Change = { set: unknown } | { delete: true };

/**
 * One request's working copy of its session: the payload, loaded lazily and
 * once, plus the log of this request's own changes. The log is what lets a
 * save merge with concurrent requests (docs/design.md, "Concurrent writes"):
 * a store's `patch` applies exactly these changes, and compare-and-set
 * re-applies them on top of a record written meanwhile, so requests that
 * change different keys both land.
 */
export class SessionDraft {
  payload: SessionPayload = emptyPayload();
  loaded = false;
  /** Any data method ran: the response varies on Cookie (§2). */
  accessed = false;
  /** The data changed: the commit saves (§4). */
  modified = false;
  /** flush() or cycleKey() deleted the record this request started with (§6). */
  killed = false;

  #loading: Promise<void> | undefined;
  #cleared = false;
  readonly #data = new Map<string, Change>();
  readonly #flash = new Map<string, Change>();
  #expiry: { value: ExpirySetting | undefined } | undefined;

  constructor(readonly load: () => Promise<SessionPayload>) {}

  /** Loads once; concurrent callers share the same load. Marks the session accessed. */
  async ready(): Promise<SessionPayload> {
    this.accessed = true;
    if (!this.loaded) {
      this.#loading ??= this.load().then(
        (payload) => {
          this.payload = payload;
          this.loaded = true;
        },
        (error: unknown) => {
          this.#loading = undefined; // a failed load may be retried
          throw error;
        },
      );
      await this.#loading;
    }
    return this.payload;
  }

  isEmpty(): boolean {
    return isEmptyPayload(this.payload);
  }

  setData(key: string, value: unknown): void {
    assertJsonValue(key, value);
    put(this.payload.data, key, value);
    this.#data.set(key, { set: value });
    this.modified = true;
  }

  deleteData(key: string): boolean {
    if (!Object.hasOwn(this.payload.data, key)) return false; // Django: deleting a missing key modifies nothing
    delete this.payload.data[key];
    this.#data.set(key, { delete: true });
    this.modified = true;
    return true;
  }

  setFlash(key: string, value: unknown): void {
    assertJsonValue(key, value);
    put(this.payload.flash, key, value);
    this.#flash.set(key, { set: value });
    this.modified = true;
  }

  /** Returns and removes a flash value; undefined when there is none. */
  takeFlash(key: string): { value: unknown } | undefined {
    if (!Object.hasOwn(this.payload.flash, key)) return undefined;
    const value = this.payload.flash[key];
    delete this.payload.flash[key];
    this.#flash.set(key, { delete: true });
    this.modified = true;
    return { value };
  }

  setExpiry(value: ExpirySetting | undefined): void {
    this.payload.expiry = value;
    this.#expiry = { value };
    this.modified = true;
  }

  clear(): void {
    this.payload = { data: {}, flash: {}, expiry: this.payload.expiry };
    this.#cleared = true;
    this.#data.clear();
    this.#flash.clear();
    this.modified = true;
  }

  /** After flush(): nothing left, not even the custom expiry. */
  reset(): void {
    this.clear();
    this.payload.expiry = undefined;
    this.#expiry = { value: undefined };
    this.loaded = true;
  }

  /** This request's changes re-applied on top of a record written meanwhile by another request. */
  rebase(base: SessionPayload): SessionPayload {
    const data = this.#cleared ? {} : { ...base.data };
    const flash = this.#cleared ? {} : { ...base.flash };
    apply(data, this.#data);
    apply(flash, this.#flash);
    const expiry = this.#expiry ? this.#expiry.value : base.expiry;
    this.payload = { data, flash, expiry };
    return this.payload;
  }

  /** This request's changes as a store's `patch` takes them: values as the JSON text a save would write. */
  changes(): SessionPatch {
    const patch: { -readonly [K in keyof SessionPatch]: SessionPatch[K] } = {
      clear: this.#cleared,
      data: entries(this.#data),
      flash: entries(this.#flash),
    };
    if (this.#expiry) patch.expiry = this.#expiry.value === undefined ? null : JSON.stringify(this.#expiry.value);
    return patch;
  }
}

function entries(changes: Map<string, Change>): [string, string | null][] {
  return Array.from(changes, ([key, change]) => [key, "set" in change ? JSON.stringify(change.set) : null]);
}

function apply(target: Record<string, unknown>, changes: Map<string, Change>): void {
  for (const [key, change] of changes) {
    if ("set" in change) put(target, key, change.set);
    else delete target[key];
  }
}

/** Defines an own property even for the key "__proto__", which plain assignment would turn into a prototype change. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
