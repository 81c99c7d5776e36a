import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ENVIRONMENT_KEYS } from '../src/config/environment-keys';
import { RENAMED_KEYS } from '../src/config/renamed-keys';

/**
 * `docs/configuration.md` is generated from the configuration schema itself: every key the
 * zod objects in `src/config/*-schema.ts` declare, the environment variable that sets it, its
 * default and its meaning (the key's doc comment, which starts with its default by the house
 * rule). Without arguments this writes the page; with `--check` it fails when the committed
 * page differs, as `schema.graphql` is checked.
 */

const ROOT = findRoot(__dirname);
const CONFIG_DIR = path.join(ROOT, 'src', 'config');
const SCHEMA_FILES = readdirSync(CONFIG_DIR)
  .filter((file) => file.endsWith('-schema.ts'))
  .sort();
const PAGE = path.join(ROOT, 'docs', 'configuration.md');

interface KeyRow {
  readonly key: string;
  readonly doc: string;
  /** Whether the key holds further keys (its own row only carries its description). */
  readonly group: boolean;
}

function findRoot(from: string): string {
  let dir = from;
  while (!readdirHas(dir, 'package.json')) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

function readdirHas(dir: string, name: string): boolean {
  try {
    readFileSync(path.join(dir, name));
    return true;
  } catch {
    return false;
  }
}

/** Every top-level `const name = <expression>` in the schema files, by name. */
function declarations(sources: readonly ts.SourceFile[]): Map<string, ts.Expression> {
  const found = new Map<string, ts.Expression>();
  for (const source of sources) {
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) found.set(declaration.name.text, declaration.initializer);
      }
    }
  }
  return found;
}

/** The doc comment written just before a node, as one line of text. */
function docOf(node: ts.Node, source: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const docs = ranges
    .map((range) => source.text.slice(range.pos, range.end))
    .filter((text) => text.startsWith('/**'))
    .map((text) =>
      text
        .replace(/^\/\*\*|\*\/$/g, '')
        .split('\n')
        .map((line) => line.replace(/^\s*\*\s?/, '').trim())
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  return docs.at(-1) ?? '';
}

type Shape =
  { kind: 'object'; literal: ts.ObjectLiteralExpression; source: ts.SourceFile } | { kind: 'array'; of: Shape } | { kind: 'leaf' };

/** What a zod expression describes: an object (its literal), an array of something, or a value. */
function shapeOf(expression: ts.Expression, known: Map<string, ts.Expression>, seen = new Set<string>()): Shape {
  if (ts.isIdentifier(expression)) {
    const target = known.get(expression.text);
    if (!target || seen.has(expression.text)) return { kind: 'leaf' };
    return shapeOf(target, known, new Set([...seen, expression.text]));
  }
  if (ts.isParenthesizedExpression(expression)) return shapeOf(expression.expression, known, seen);
  if (!ts.isCallExpression(expression)) return { kind: 'leaf' };
  const callee = expression.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const receiver = callee.expression;
    if (ts.isIdentifier(receiver) && receiver.text === 'z') {
      const [first] = expression.arguments;
      if (method === 'object' && first && ts.isObjectLiteralExpression(first))
        return { kind: 'object', literal: first, source: first.getSourceFile() };
      if (method === 'array' && first) return { kind: 'array', of: shapeOf(first, known, seen) };
      return { kind: 'leaf' };
    }
    // `.strict()`, `.default(...)`, `.prefault({})`, `.refine(...)`: the shape is the receiver's.
    return shapeOf(receiver, known, seen);
  }
  return { kind: 'leaf' };
}

/** An object literal's properties, with `...name` spreads of other literals expanded in place. */
function propertiesOf(literal: ts.ObjectLiteralExpression, known: Map<string, ts.Expression>): ts.ObjectLiteralElementLike[] {
  return literal.properties.flatMap((property) => {
    if (!ts.isSpreadAssignment(property) || !ts.isIdentifier(property.expression)) return [property];
    const spread = known.get(property.expression.text);
    return spread && ts.isObjectLiteralExpression(spread) ? propertiesOf(spread, known) : [];
  });
}

function rowsOf(shape: Shape, prefix: string, known: Map<string, ts.Expression>, rows: KeyRow[]): void {
  if (shape.kind === 'array') {
    rowsOf(shape.of, `${prefix}[]`, known, rows);
    return;
  }
  if (shape.kind !== 'object') return;
  for (const property of propertiesOf(shape.literal, known)) {
    if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) continue;
    const key = prefix ? `${prefix}.${property.name.text}` : property.name.text;
    const inner = shapeOf(property.initializer, known);
    const holdsKeys = inner.kind === 'object' || (inner.kind === 'array' && inner.of.kind === 'object');
    rows.push({
      key: inner.kind === 'array' && inner.of.kind === 'object' ? `${key}[]` : key,
      doc: docOf(property, property.getSourceFile()),
      group: holdsKeys,
    });
    rowsOf(inner, key, known, rows);
  }
}

/** The rows of the page, in the schema's order. */
export function configurationRows(): KeyRow[] {
  const sources = SCHEMA_FILES.map((file) =>
    ts.createSourceFile(file, readFileSync(path.join(CONFIG_DIR, file), 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  const known = declarations(sources);
  const root = known.get('gatewayConfigSchema');
  if (!root) throw new Error('gatewayConfigSchema not found in src/config/config-schema.ts');
  const rows: KeyRow[] = [];
  rowsOf(shapeOf(root, known), '', known, rows);
  return rows;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** `Default `x`. Meaning.` split into the default and the meaning. */
function splitDefault(doc: string): { byDefault: string; meaning: string } {
  const match = /^Default(?::)? (.+?)\.(?:\s+(.*))?$/.exec(doc);
  if (!match) return { byDefault: '', meaning: doc };
  return { byDefault: match[1], meaning: match[2] ?? '' };
}

export function renderConfigurationPage(): string {
  const envByKey = new Map(ENVIRONMENT_KEYS.map((entry) => [entry.key.join('.'), entry.env]));
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from src/config/*-schema.ts by `npm run docs:config`; CI fails when it differs. Do not edit. -->',
    '',
    'The gateway reads a JSON file named by `MPA_CONFIG_FILE` (optional), then the environment',
    'variables below, which win over the file. Every key is checked at start: a wrong value stops',
    'start-up with one line naming the key, where it came from and what it must be. Keys ending in',
    '`[]` are fields of each entry of a list. Region accounts may also take their secrets from',
    '`MPA_ACCOUNT_<REGION>_CLIENT_SECRET` and `MPA_ACCOUNT_<REGION>_REFRESH_TOKEN`.',
    '',
    '| key | environment variable | default | meaning |',
    '|---|---|---|---|',
  ];
  for (const row of configurationRows()) {
    const { byDefault, meaning } = row.group ? { byDefault: '', meaning: row.doc } : splitDefault(row.doc);
    const env = envByKey.get(row.key.replace(/\[\]$/, ''));
    lines.push(`| \`${row.key}\` | ${env ? `\`${env}\`` : ''} | ${cell(byDefault)} | ${cell(meaning)} |`);
  }
  if (RENAMED_KEYS.length > 0) {
    lines.push(
      '',
      '## Renamed keys',
      '',
      'These old names still start the gateway, with a warning naming the new key; they go in the next release.',
      '',
    );
    lines.push('| old key | use instead | how the old value is read |', '|---|---|---|');
    for (const renamed of RENAMED_KEYS) lines.push(`| \`${renamed.from}\` | \`${renamed.to}\` | ${cell(renamed.reading)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function main(): void {
  const page = renderConfigurationPage();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(PAGE, 'utf8');
    } catch {
      // a missing page is drift too
    }
    if (committed !== page) {
      process.stderr.write('docs/configuration.md differs from the configuration schema. Run `npm run docs:config` and commit it.\n');
      process.exit(1);
    }
    process.stdout.write('docs/configuration.md matches the configuration schema.\n');
    return;
  }
  writeFileSync(PAGE, page);
  process.stdout.write(`wrote ${PAGE}\n`);
}

if (require.main === module) main();
