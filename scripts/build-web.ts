import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Plugin, build, transform } from 'esbuild';

/** The repository: the nearest folder above this file holding package.json (from `scripts/` or `dist/scripts/`). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const WEB = path.join(repositoryRoot(__dirname), 'web');

/** The browser files the gateway serves, by the name `npm run build` gives each in `dist/web/`. */
export const WEB_FILES = {
  /** `<mpa-order-check>`: the component teams embed. */
  component: 'mpa-order-check.js',
  /** The reference order page's script and stylesheet. */
  pageScript: 'order-form.js',
  pageStyles: 'order-form.css',
} as const;

const BROWSERS = ['chrome100', 'firefox100', 'safari16'];

/** A `.css` file imported by a script comes in as its minified text (the shadow root adopts it as one sheet). */
const minifiedCssText: Plugin = {
  name: 'minified-css-text',
  setup(builder) {
    builder.onResolve({ filter: /\.css$/ }, (args) =>
      args.kind === 'import-statement' ? { path: path.resolve(args.resolveDir, args.path), namespace: 'css-text' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'css-text' }, async (args) => {
      const css = await transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true, target: BROWSERS });
      return { contents: css.code.trim(), loader: 'text', watchFiles: [args.path] };
    });
  },
};

/** GraphQL text without its insignificant whitespace (safe here: the documents hold no string literals). */
function compactGraphQL(text: string, file: string): string {
  if (text.includes('"')) throw new Error(`${file}: a document holds a string literal; compacting it is not safe`);
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{}():,!$=[\]]) ?/g, '$1')
    .replace(/\.\.\. on /g, '...on ')
    .trim();
}

/**
 * The generated string documents, compacted: whitespace dropped, each fragment's text kept
 * once and joined into the operations that spread it, and every document marked pure so
 * unused ones (the bare fragment) leave the bundle.
 */
const compactGraphQLDocuments: Plugin = {
  name: 'compact-graphql-documents',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]generated[\\/]graphql\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const documents = /new TypedDocumentString\(`([^`]*)`/g;
      const fragments = [...source.matchAll(documents)]
        .map((match) => compactGraphQL(match[1], args.path))
        .filter((text) => text.startsWith('fragment '));
      const shared = fragments.map((text, index) => `const GRAPHQL_FRAGMENT_${index} = ${JSON.stringify(text)};`).join('\n');
      const contents = source.replace(documents, (_whole, text: string) => {
        let compact = compactGraphQL(text, args.path);
        fragments.forEach((fragment, index) => {
          if (compact !== fragment) compact = compact.split(fragment).join(`\${GRAPHQL_FRAGMENT_${index}}`);
        });
        return `/* @__PURE__ */ new TypedDocumentString(\`${compact}\``;
      });
      return { contents: `${shared}\n${contents}`, loader: 'ts' };
    });
  },
};

export interface WebBuild {
  readonly outDir: string;
  /** Bytes of each minified file, by name. */
  readonly bytes: Readonly<Record<string, number>>;
  /** Packages the bundles pulled in from node_modules (expected: none). */
  readonly packages: readonly string[];
}

/**
 * Compiles the browser side into `outDir`: `<mpa-order-check>` as one minified, self-contained
 * script (an IIFE that defines the element), and the reference order page's script and
 * stylesheet. The gateway serves them (src/http/order-form-kit.ts).
 */
export async function buildWeb(outDir: string): Promise<WebBuild> {
  const result = await build({
    entryPoints: [
      path.join(WEB, 'order-check', 'mpa-order-check.ts'),
      path.join(WEB, 'order-form', 'order-form.ts'),
      path.join(WEB, 'order-form', 'order-form.css'),
    ],
    outdir: outDir,
    entryNames: '[name]',
    bundle: true,
    minify: true,
    format: 'iife',
    // Evergreen browsers: class private members stay native, so the minifier can shorten them.
    target: ['es2022', ...BROWSERS],
    platform: 'browser',
    tsconfig: path.join(WEB, 'tsconfig.json'),
    plugins: [minifiedCssText, compactGraphQLDocuments],
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, output]) => [path.basename(file), output.bytes]));
  const packages = [...new Set(Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules/')))];
  return { outDir, bytes, packages };
}

/** `npm run build` runs this after tsc: writes `dist/web/` (or `--out-dir <folder>`). */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--out-dir');
  const outDir = at === -1 ? path.resolve(__dirname, '..', 'web') : path.resolve(process.argv[at + 1]);
  const built = await buildWeb(outDir);
  if (built.packages.length > 0) throw new Error(`the browser files must not bundle packages, but pulled in ${built.packages.join(', ')}`);
  const sizes = Object.entries(built.bytes).map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(1)} KB`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), outDir) || '.'}/: ${sizes.join(', ')} (minified)\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
