import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
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

/** The source file an import names: `x.ts`, or `x/index.ts` for a folder. */
function sourceFile(target: string): string {
  const file = [`${target}.ts`, path.join(target, 'index.ts')].find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`No source file for ${relative(target)}`);
  return file;
}

/**
 * Every project file these files reach through their imports, type-only ones included (a type
 * from src/graphql would still tie a module to the schema), them included.
 */
function importGraph(files: readonly string[]): Set<string> {
  const reached = new Set<string>();
  const pending = [...files];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    pending.push(...importsOf(file).map(sourceFile));
  }
  return reached;
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

  it('keeps the operation and its answers apart from the schema: src/operation and src/answers import nothing of src/graphql, type-graphql or reflect-metadata', () => {
    for (const room of ['operation', 'answers']) {
      expect(sources(path.join(SRC, room)).length).toBeGreaterThan(0);
      expect(schemaCrossings(path.join(SRC, room))).toEqual([]);
    }
  });

  // The audit asks in an operation context of its own (src/operation) and reads the checks as
  // plain values (src/answers, src/eligibility); guidance comes from src/guidance.
  it('keeps the audit off the schema: src/audit imports nothing of src/graphql, type-graphql or reflect-metadata', () => {
    expect(schemaCrossings(path.join(SRC, 'audit'))).toEqual([]);
  });

  it('keeps the audit off the schema transitively: nothing the audit command reaches, its src/audit modules first, is in src/graphql, type-graphql or reflect-metadata', () => {
    const command = path.join(SRC, 'cli', 'audit.ts');
    const auditModules = importsOf(command)
      .filter((target) => inside(target, path.join(SRC, 'audit')))
      .map(sourceFile);
    expect(auditModules.length).toBeGreaterThan(5);
    const reached = importGraph([command, ...auditModules]);
    expect(reached.size).toBeGreaterThan(auditModules.length);
    const crossings = [...reached].flatMap((file) => [
      ...(inside(file, GRAPHQL) ? [relative(file)] : []),
      ...packagesOf(file)
        .filter((name) => SCHEMA_PACKAGES.includes(name))
        .map((name) => `${relative(file)} -> ${name}`),
    ]);
    expect(crossings).toEqual([]);
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
