/**
 * Test helper: runs a Python script that takes a JSON list of operations on
 * stdin and prints a JSON list of results, for the interop tests against
 * Django (core's CSRF test and the cookie package's two, which import this
 * file by a relative path: test helpers are not part of any package's exports).
 */

type SpawnSync = (
  command: string,
  args: string[],
  options: { input?: string; encoding: "utf8"; timeout: number; maxBuffer?: number },
) => { status: number | null; stdout: string; stderr: string; error?: Error };

// A computed specifier keeps node:child_process out of the type graph: the packages compile
// with "types": [] (no Node globals), and only these Node-side tests need a subprocess.
const spawnSync = await import(/* @vite-ignore */ ["node", "child_process"].join(":"))
  .then((m: { spawnSync: SpawnSync }) => m.spawnSync)
  .catch(() => undefined);

// pyenv or a venv may shadow the system python3 that Debian's python3-django installs into.
const INTERPRETERS = ["python3", "/usr/bin/python3"];

/** A Python script that passed its probe. */
export interface PythonScript {
  /** Sends `ops` as JSON on stdin, returns the parsed JSON list it prints; throws with its stderr when it fails. */
  run<T = Record<string, unknown>>(ops: readonly object[]): T[];
}

/** Where the script is, what it needs, and what it is given. */
export interface PythonScriptOptions {
  /** The script, e.g. `new URL("../test/django-csrf.py", import.meta.url)`. */
  script: URL;
  /** Python code that must run without error, e.g. `"import django.middleware.csrf"`. */
  probe: string;
  /** Command-line arguments after the script. */
  args?: string[];
}

/**
 * The first python3 that can run `probe`, bound to `script`; undefined when
 * there is none (or no subprocess in this runtime): the caller skips, saying why.
 */
export function pythonScript({ script, probe, args = [] }: PythonScriptOptions): PythonScript | undefined {
  const python = INTERPRETERS.find((bin) => {
    const result = spawnSync?.(bin, ["-c", probe], { encoding: "utf8", timeout: 20_000 });
    return result !== undefined && result.status === 0 && !result.error;
  });
  if (spawnSync === undefined || python === undefined) return undefined;
  const path = decodeURIComponent(script.pathname);
  const name = path.slice(path.lastIndexOf("/") + 1);
  return {
    run<T>(ops: readonly object[]): T[] {
      // Each run imports and configures Django (~2 s here): generous limits for a loaded machine.
      const result = spawnSync(python, [path, ...args], {
        input: JSON.stringify(ops),
        encoding: "utf8",
        timeout: 60_000,
        maxBuffer: 64 << 20,
      });
      if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr || result.error}`);
      return JSON.parse(result.stdout) as T[];
    },
  };
}
