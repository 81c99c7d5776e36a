import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** A program the tests start themselves, and the Debian package that provides it. */
export interface TestPrerequisite {
  readonly command: string;
  readonly debianPackage: string;
  /** Environment variable through which test files learn the program's absolute path. */
  readonly env: string;
}

/** What the suite needs beyond Node and npm. */
export const TEST_PREREQUISITES: readonly TestPrerequisite[] = [
  { command: 'redis-server', debianPackage: 'redis-server', env: 'MPA_TEST_REDIS_SERVER' },
  { command: 'chromium', debianPackage: 'chromium', env: 'MPA_TEST_CHROMIUM' },
];

export interface PrerequisiteOptions {
  /** Default `process.env.PATH`. Where programs are looked for, before and after installing. */
  readonly searchPath?: string;
  /** Default whether the process runs as root. Only root installs. */
  readonly isRoot?: boolean;
  /** Default `apt-get update` then `apt-get install`, when `searchPath` has apt-get. Installs Debian packages. */
  readonly install?: (packages: readonly string[], searchPath: string) => void;
  /** Default stderr. One line before a (slow) install starts. */
  readonly say?: (line: string) => void;
  /** Default `TEST_PREREQUISITES`. */
  readonly prerequisites?: readonly TestPrerequisite[];
}

/** The suite cannot run here; the message is one line saying what to install. */
export class MissingPrerequisiteError extends Error {
  override readonly name = 'MissingPrerequisiteError';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `command` on `searchPath`, as a shell would find it. */
export function findOnPath(command: string, searchPath: string): string | undefined {
  for (const folder of searchPath.split(path.delimiter)) {
    if (!folder) continue;
    const candidate = path.join(folder, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function installWithApt(packages: readonly string[], searchPath: string): void {
  const aptGet = findOnPath('apt-get', searchPath);
  if (!aptGet) throw new Error('apt-get is not on PATH');
  const env = { ...process.env, PATH: searchPath, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => {
    // apt's own progress goes to the terminal only when something fails.
    const result = spawnSync(aptGet, args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) {
      const detail = (result.stderr || result.stdout || '').trim().split('\n').pop() ?? '';
      throw new Error(`apt-get ${args[0]} exited with ${result.status ?? result.signal}${detail ? `: ${detail}` : ''}`);
    }
  };
  run(['update', '-qq']);
  run(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

const installHint = (packages: readonly string[]) => `apt-get install -y ${packages.join(' ')}`;

/**
 * Finds every program the suite starts; when some are missing and the process is root,
 * installs their Debian packages first. Returns each program's absolute path by its `env`
 * name. Throws a `MissingPrerequisiteError` (one line, saying what to install) otherwise.
 */
export function ensureTestPrerequisites(options: PrerequisiteOptions = {}): Record<string, string> {
  const searchPath = options.searchPath ?? process.env.PATH ?? '';
  const prerequisites = options.prerequisites ?? TEST_PREREQUISITES;
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));

  const missing = () => prerequisites.filter((p) => !findOnPath(p.command, searchPath));
  const absent = missing();
  if (absent.length > 0) {
    const commands = absent.map((p) => p.command).join(' and ');
    const packages = absent.map((p) => p.debianPackage);
    const install = options.install ?? (findOnPath('apt-get', searchPath) ? installWithApt : undefined);
    if (!isRoot || !install) {
      const how = isRoot ? installHint(packages) : `as root: ${installHint(packages)}`;
      throw new MissingPrerequisiteError(
        `The tests need ${commands}, which this machine lacks: install them (${how}), then run npm test again.`,
      );
    }
    say(`Installing ${packages.join(' and ')} with apt-get for the tests (once per machine)...`);
    try {
      install(packages, searchPath);
    } catch (error) {
      throw new MissingPrerequisiteError(
        `The tests need ${commands} and installing them failed (${(error as Error).message}): install them yourself (${installHint(packages)}), then run npm test again.`,
      );
    }
    const still = missing();
    if (still.length > 0) {
      throw new MissingPrerequisiteError(
        `The tests need ${still.map((p) => p.command).join(' and ')}, still not found on PATH after installing ${packages.join(' ')}: install them so that PATH finds them, then run npm test again.`,
      );
    }
  }
  return Object.fromEntries(prerequisites.map((p) => [p.env, findOnPath(p.command, searchPath)!]));
}
