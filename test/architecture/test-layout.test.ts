import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The test folders that have no twin in src/: tests of the gateway as a whole rather than of one
 * module. Every other test file sits in the folder path of the module it tests (the test of
 * src/partner-center/resilience/rate-cap.ts is under test/partner-center/resilience/).
 * test/support/ and test/fixtures/ hold the kit and data the tests share, never a test.
 */
const CROSS_CUTTING_FOLDERS = [
  'architecture', // the code's own rules: import walls, file sizes, this layout
  'docs', // links and examples in README and docs/
  'e2e', // the commands and pages a person uses, from start to end
  'federation', // the gateway as a subgraph behind a real Apollo gateway
  'multi-process', // replicas, the emulator and audits as separate processes around one Redis
  'security', // abuse and secrets, across the HTTP edge, the schema and the logs
  'tooling', // the toolchain: Node versions, test prerequisites, generated client types
] as const;

function testFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? testFiles(file) : name.endsWith('.test.ts') ? [file] : [];
  });
}

/** Test files (relative to `testRoot`) that sit neither under a folder path of `srcRoot` nor in a cross-cutting folder. */
function misplacedTests(testRoot: string, srcRoot: string, crossCutting: readonly string[]): string[] {
  return testFiles(testRoot)
    .map((file) => path.relative(testRoot, file))
    .filter((file) => {
      const folder = path.dirname(file);
      const top = folder.split(path.sep)[0];
      if (crossCutting.includes(top)) return false;
      const twin = path.join(srcRoot, folder);
      return !(existsSync(twin) && statSync(twin).isDirectory());
    })
    .sort();
}

describe('Test layout', () => {
  it('puts every test file under a folder path of src/ or in one of the named cross-cutting folders', () => {
    expect(misplacedTests(path.join(ROOT, 'test'), path.join(ROOT, 'src'), CROSS_CUTTING_FOLDERS)).toEqual([]);
  });

  it('names cross-cutting folders that are not also folders of src/', () => {
    expect(CROSS_CUTTING_FOLDERS.filter((folder) => existsSync(path.join(ROOT, 'src', folder)))).toEqual([]);
  });

  it('finds a test whose folder has no twin in src/, or one left in the shared kit', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'test-layout-'));
    const make = (file: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), '');
    };
    make('src/partner-center/resilience/rate-cap.ts');
    make('test/partner-center/resilience/rate-cap.test.ts');
    make('test/partner-center/rate-cap-again.test.ts');
    make('test/security/anything/deeper.test.ts');
    make('test/resilience/rate-cap.test.ts');
    make('test/support/helper.test.ts');
    make('test/support/helper.ts');
    expect(misplacedTests(path.join(root, 'test'), path.join(root, 'src'), ['security'])).toEqual([
      path.join('resilience', 'rate-cap.test.ts'),
      path.join('support', 'helper.test.ts'),
    ]);
  });
});
