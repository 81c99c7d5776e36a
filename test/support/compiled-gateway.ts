import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Where the global setup asks this run's compiled copy to go (shared by every test worker). */
export const BUILD_DIR_ENV = 'MPA_TEST_BUILD_DIR';

/** Where the global setup put this run's compiled browser files: `web/` in that build folder, as `dist/web/`. */
export const WEB_DIR_ENV = 'MPA_TEST_WEB_DIR';

/** A fresh build folder for one jest run, under node_modules so compiled files find their packages. */
export function newBuildDir(): string {
  return path.join(ROOT, 'node_modules', '.cache', 'mpa-test-build', `run-${process.pid}-${Date.now()}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function compile(outDir: string): { readonly child: ChildProcess; readonly done: Promise<void> } {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const child = spawn(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`tsc failed:\n${output}`))));
  });
  return { child, done };
}

/** Claims `dir` for building (one builder per jest run); false when another process already has. */
function claim(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    mkdirSync(path.join(dir, '.lock'));
    return true;
  } catch {
    return false; // another worker is building it
  }
}

/** Compiles into `dir` and leaves `.built`, or `.failed` with tsc's output, for the workers waiting on it. */
function build(dir: string): { readonly child: ChildProcess; readonly done: Promise<void> } {
  const { child, done } = compile(dir);
  return {
    child,
    done: done.then(
      () => writeFileSync(path.join(dir, '.built'), ''),
      (error: Error) => {
        writeFileSync(path.join(dir, '.failed'), error.message);
        throw error;
      },
    ),
  };
}

/**
 * Starts the shared build in `dir` without waiting for it: the global setup of a whole-suite
 * run calls it, so that tsc runs on the core the test worker leaves free while the in-process
 * tests run, instead of when the first test that needs the build asks for it. Returns the
 * compiler process (for the teardown to end if still running), or undefined if the build was
 * already claimed.
 */
export function startSharedBuild(dir: string): ChildProcess | undefined {
  if (!claim(dir)) return undefined;
  const { child, done } = build(dir);
  // Its failure is read from `.failed` by the tests that need the build.
  done.catch(() => undefined);
  return child;
}

/**
 * The gateway compiled as `npm run build` compiles it, for tests that run its commands as
 * processes (`npm start`, `npm run login`, `npm run example`). Built once per jest run: the
 * first worker to ask builds, the others wait for it. Returns the folder holding `src/`,
 * `examples/`, `scripts/` as `dist/` would.
 */
export async function compiledGateway(): Promise<string> {
  const dir = process.env[BUILD_DIR_ENV] || newBuildDir();
  const done = path.join(dir, '.built');
  const failed = path.join(dir, '.failed');
  if (claim(dir)) {
    await build(dir).done;
    return dir;
  }
  for (let waited = 0; waited < 180_000; waited += 100) {
    if (existsSync(done)) return dir;
    if (existsSync(failed)) throw new Error(`the shared build failed; see ${failed}`);
    await sleep(100);
  }
  throw new Error(`no build appeared in ${dir} within 3 minutes`);
}
