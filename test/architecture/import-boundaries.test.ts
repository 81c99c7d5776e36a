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

/** The packages a source file imports (bare specifiers), by name. */
function packagesOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*['"]([^.'"][^'"]*)['"]/g)].map((match) => match[1]);
}

const GRAPHQL = path.join(SRC, 'graphql');
const SCHEMA_PACKAGES = ['type-graphql', 'reflect-metadata'];

/** What a folder's files take from the GraphQL layer: its files and the schema packages. */
function schemaCrossings(folder: string): string[] {
  return sources(folder).flatMap((file) => [
    ...importsOf(file)
      .filter((target) => inside(target, GRAPHQL))
      .map((target) => `${relative(file)} -> ${relative(target)}`),
    ...packagesOf(file)
      .filter((name) => SCHEMA_PACKAGES.includes(name))
      .map((name) => `${relative(file)} -> ${name}`),
  ]);
}

const topFolder = (file: string) => relative(file).split(path.sep)[0];

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

  it('keeps the business rules apart from the schema: src/eligibility imports nothing of src/graphql, type-graphql or reflect-metadata', () => {
    expect(sources(path.join(SRC, 'eligibility')).length).toBeGreaterThan(0);
    expect(schemaCrossings(path.join(SRC, 'eligibility'))).toEqual([]);
  });

  // The audit reads the order form's checks as the rules' plain values, not as schema types. What
  // it still takes from src/graphql is the per-operation context and the lookups that build the
  // answers (listed here so none is added); once those move out, this list is empty.
  it('keeps the audit off the schema: no type-graphql, no reflect-metadata, no resolver, and only the listed lookups from src/graphql', () => {
    expect(schemaCrossings(path.join(SRC, 'audit'))).toEqual([
      'audit/audit-run.ts -> graphql/gateway-context',
      'audit/audit-windows.ts -> graphql/gateway-context',
      'audit/line-check.ts -> graphql/gateway-context',
      'audit/line-check.ts -> graphql/order-eligibility/eligibility-checks',
      'audit/line-check.ts -> graphql/order-eligibility/guidance.factory',
      'audit/line-check.ts -> graphql/order-eligibility/partner-of-record-guidance',
      'audit/line-check.ts -> graphql/order-eligibility/order-line',
      'audit/line-check.ts -> graphql/reseller/reseller.type',
    ]);
  });

  it('lets no module but the schema builder import a resolver, so no resolver imports another', () => {
    const importers = sources(SRC)
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => target.endsWith('.resolver'))
          .map(() => relative(file)),
      )
      .filter((file, index, all) => all.indexOf(file) === index);
    expect(importers).toEqual([path.join('graphql', 'gateway-schema.ts')]);
  });

  it('has no back-arrow to src/graphql: no folder it imports from imports it', () => {
    const usedByGraphql = new Set(
      sources(GRAPHQL).flatMap((file) =>
        importsOf(file)
          .filter((target) => !inside(target, GRAPHQL))
          .map(topFolder),
      ),
    );
    const backArrows = sources(SRC)
      .filter((file) => !inside(file, GRAPHQL) && usedByGraphql.has(topFolder(file)))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => inside(target, GRAPHQL))
          .map((target) => `${relative(file)} -> ${relative(target)}`),
      );
    expect(backArrows).toEqual([]);
  });

  it('has the emulator and the gateway agree on the CSP regions', () => {
    expect([...EMULATED_REGIONS]).toEqual([...CSP_REGIONS]);
  });
});
