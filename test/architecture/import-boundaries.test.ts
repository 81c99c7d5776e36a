import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CSP_REGIONS } from '../../src/partner-center/csp-region';
import { EMULATED_REGIONS } from '../../src/emulator/emulated-regions';

const SRC = path.resolve(__dirname, '../../src');
const EMULATOR = path.join(SRC, 'emulator');

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? sources(file) : name.endsWith('.ts') ? [file] : [];
  });
}

/** The project files a source file imports (relative specifiers only), resolved. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => path.resolve(path.dirname(file), match[1]));
}

const inside = (file: string, folder: string) => file === folder || file.startsWith(`${folder}${path.sep}`);
const relative = (file: string) => path.relative(SRC, file);

describe('Import boundaries', () => {
  it('keeps the emulator apart: it imports nothing of the gateway', () => {
    const crossings = sources(EMULATOR).flatMap((file) =>
      importsOf(file)
        .filter((target) => !inside(target, EMULATOR))
        .map((target) => `${relative(file)} -> ${relative(target)}`),
    );
    expect(crossings).toEqual([]);
  });

  it('loads the emulator from the sandbox module only', () => {
    const importers = sources(SRC)
      .filter((file) => !inside(file, EMULATOR))
      .filter((file) => importsOf(file).some((target) => inside(target, EMULATOR)))
      .map(relative);
    expect(importers).toEqual([path.join('compose', 'sandbox.ts')]);
  });

  it('keeps time apart: the deadline room, shared by every layer, imports nothing of the gateway', () => {
    const TIME = path.join(SRC, 'time');
    const crossings = sources(TIME).flatMap((file) =>
      importsOf(file)
        .filter((target) => !inside(target, TIME))
        .map((target) => `${relative(file)} -> ${relative(target)}`),
    );
    expect(crossings).toEqual([]);
  });

  // Counted as Prettier lays the code out (140 columns). The emulator, the locale texts and the
  // outcome table (one declarative row per documented Partner Center answer) are data, not logic.
  it('keeps files small: none over about 300 lines outside the emulator, the locale texts and the outcome table', () => {
    const large = sources(SRC)
      .filter((file) => !inside(file, EMULATOR) && !inside(file, path.join(SRC, 'guidance', 'locales')))
      .filter((file) => relative(file) !== path.join('partner-center', 'outcome', 'outcome-table.ts'))
      .map((file) => [relative(file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 300);
    expect(large).toEqual([]);
  });

  it('has the emulator and the gateway agree on the CSP regions', () => {
    expect([...EMULATED_REGIONS]).toEqual([...CSP_REGIONS]);
  });
});
