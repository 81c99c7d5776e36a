import { runToEnd } from '../support/processes';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MissingPrerequisiteError, TEST_PREREQUISITES, ensureTestPrerequisites, findOnPath } from '../support/test-prerequisites';

const ROOT = path.resolve(__dirname, '..', '..');

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'mpa-prereq-'));
}

function executable(dir: string, name: string, text = '#!/bin/sh\nexit 0\n'): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

/** An install step that records what it was asked for and "installs" into `dir`. */
function recordingInstall(dir: string) {
  const calls: string[][] = [];
  return {
    calls,
    install: (packages: readonly string[]) => {
      calls.push([...packages]);
      for (const name of packages) executable(dir, name);
    },
  };
}

/** Runs jest on one test file in a child process with the given PATH. */
const runJest = (searchPath: string, testFile: string) =>
  runToEnd(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--ci', '--runInBand', testFile], {
    cwd: ROOT,
    env: { ...process.env, PATH: searchPath, MPA_TEST_REDIS_SERVER: '', MPA_TEST_CHROMIUM: '' },
  });

describe('Test prerequisites (jest global setup)', () => {
  it('finds programs on PATH and installs nothing when both are there', () => {
    const bin = folder();
    const redis = executable(bin, 'redis-server');
    const chromium = executable(bin, 'chromium');
    const recorder = recordingInstall(bin);
    expect(ensureTestPrerequisites({ searchPath: `/nonexistent${path.delimiter}${bin}`, isRoot: true, install: recorder.install })).toEqual(
      {
        MPA_TEST_REDIS_SERVER: redis,
        MPA_TEST_CHROMIUM: chromium,
      },
    );
    expect(recorder.calls).toEqual([]);
  });

  it('ignores files that are not executable', () => {
    const bin = folder();
    writeFileSync(path.join(bin, 'redis-server'), 'not a program');
    expect(findOnPath('redis-server', bin)).toBeUndefined();
  });

  it('installs only the missing packages as root, says so in one line, then uses them', () => {
    const bin = folder();
    const chromium = executable(bin, 'chromium');
    const recorder = recordingInstall(bin);
    const said: string[] = [];
    const found = ensureTestPrerequisites({ searchPath: bin, isRoot: true, install: recorder.install, say: (line) => said.push(line) });
    expect(recorder.calls).toEqual([['redis-server']]);
    expect(said).toEqual(['Installing redis-server with apt-get for the tests (once per machine)...']);
    expect(found).toEqual({ MPA_TEST_REDIS_SERVER: path.join(bin, 'redis-server'), MPA_TEST_CHROMIUM: chromium });
  });

  it('stops with one line saying what to install when not root', () => {
    const recorder = recordingInstall(folder());
    const run = () => ensureTestPrerequisites({ searchPath: folder(), isRoot: false, install: recorder.install });
    expect(run).toThrow(MissingPrerequisiteError);
    expect(run).toThrow(
      'The tests need redis-server and chromium, which this machine lacks: install them (as root: apt-get install -y redis-server chromium), then run npm test again.',
    );
    expect(recorder.calls).toEqual([]);
  });

  it('stops with one line when installing fails or leaves the program off PATH', () => {
    const failing = () => {
      throw new Error('apt-get install exited with 100: E: Unable to locate package chromium');
    };
    expect(() => ensureTestPrerequisites({ searchPath: folder(), isRoot: true, install: failing, say: () => {} })).toThrow(
      'The tests need redis-server and chromium and installing them failed (apt-get install exited with 100: E: Unable to locate package chromium): install them yourself (apt-get install -y redis-server chromium), then run npm test again.',
    );
    expect(() => ensureTestPrerequisites({ searchPath: folder(), isRoot: true, install: () => {}, say: () => {} })).toThrow(
      /^The tests need redis-server and chromium, still not found on PATH after installing redis-server chromium/,
    );
  });

  it('lists what the suite needs: redis-server and chromium, from Debian packages of those names', () => {
    expect(TEST_PREREQUISITES.map((p) => [p.command, p.debianPackage])).toEqual([
      ['redis-server', 'redis-server'],
      ['chromium', 'chromium'],
    ]);
  });

  describe('npm test on a machine without redis-server and chromium', () => {
    jest.setTimeout(120_000);

    it('installs them with apt-get as root, then the Redis tests pass', async () => {
      const bin = folder();
      const log = path.join(bin, 'apt-get.log');
      // Stands in for Debian's apt-get: "installing" links the machine's real program onto PATH.
      executable(
        bin,
        'apt-get',
        `#!/bin/sh\necho "$*" >> ${log}\n[ "$1" = install ] || exit 0\nfor p in "$@"; do case "$p" in -*|install) ;; *) /bin/ln -s /usr/bin/$p ${bin}/$p ;; esac; done\n`,
      );
      const result = await runJest(bin, 'test/status-cache/redis-replicas.test.ts');
      expect(readFileSync(log, 'utf8')).toBe('update -qq\ninstall -y -qq --no-install-recommends redis-server chromium\n');
      expect(result.stderr).toMatch(/^Installing redis-server and chromium with apt-get for the tests \(once per machine\)\.\.\.\n/);
      // Every test of that file passed, however many it holds.
      expect(result.stderr).toMatch(/Tests: +(\d+) passed, \1 total/);
      expect(result.code).toBe(0);
    });

    it('stops at once with one line, and no open-handle noise, when it cannot install', async () => {
      const result = await runJest(folder(), 'test/status-cache/redis-replicas.test.ts');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'The tests need redis-server and chromium, which this machine lacks: install them (apt-get install -y redis-server chromium), then run npm test again.\n',
      );
    });
  });
});
