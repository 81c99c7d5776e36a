import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GRAPHQL_PATH } from './graphql-path';

/**
 * A self-hosted GraphiQL with its explorer plugin: the page and every file it loads come from
 * this gateway (the browser bundles shipped in node_modules), so it works without internet,
 * asks nothing of a CDN and reports nothing anywhere. Framework-neutral: each route is a path,
 * a content type and a body, for whatever HTTP server mounts them.
 */
export interface ExplorerRoute {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface ExplorerOptions {
  /** Default `'/explorer'`. The page's path; its files are served below it. */
  readonly basePath?: string;
  /** Default none. The operation in the editor when the page opens. */
  readonly query?: string;
  /** Default none. Its variables, as JSON text. */
  readonly variables?: string;
  /** Default `{}`. Headers prefilled in the headers editor and sent with every operation. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The browser bundles the page loads, by the file name it uses and where the package keeps them. */
const BUNDLES: ReadonlyArray<{ file: string; pkg: string; within: string; contentType: string }> = [
  { file: 'react.production.min.js', pkg: 'react', within: 'umd/react.production.min.js', contentType: 'text/javascript; charset=utf-8' },
  {
    file: 'react-dom.production.min.js',
    pkg: 'react-dom',
    within: 'umd/react-dom.production.min.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  { file: 'graphiql.min.js', pkg: 'graphiql', within: 'graphiql.min.js', contentType: 'text/javascript; charset=utf-8' },
  { file: 'graphiql.min.css', pkg: 'graphiql', within: 'graphiql.min.css', contentType: 'text/css; charset=utf-8' },
  {
    file: 'plugin-explorer.umd.js',
    pkg: '@graphiql/plugin-explorer',
    within: 'dist/index.umd.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  { file: 'plugin-explorer.css', pkg: '@graphiql/plugin-explorer', within: 'dist/style.css', contentType: 'text/css; charset=utf-8' },
];

/** Starts GraphiQL from the configuration embedded in the page: no inline script, so CSP can forbid them. */
const START_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('explorer-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).href });
  var explorer = GraphiQLPluginExplorer.explorerPlugin();
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      query: config.query,
      defaultQuery: config.query,
      variables: config.variables,
      headers: config.headers,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

/**
 * What the page allows itself: its own files, inline styles (GraphiQL sets them), embedded
 * fonts and images, and requests to this origin only.
 */
export const EXPLORER_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function bundleText(pkg: string, within: string): Buffer {
  const root = path.dirname(require.resolve(`${pkg}/package.json`));
  return readFileSync(path.join(root, within));
}

// JSON inside a <script> element: `<` escaped so no text can close the element.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function page(basePath: string, config: { endpoint: string; query: string; variables: string; headers: string }): string {
  const file = (name: string) => `${basePath}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MPA compliance gateway: explorer</title>
<link rel="stylesheet" href="${file('graphiql.min.css')}">
<link rel="stylesheet" href="${file('plugin-explorer.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script type="application/json" id="explorer-config">${scriptJson(config)}</script>
<script src="${file('react.production.min.js')}"></script>
<script src="${file('react-dom.production.min.js')}"></script>
<script src="${file('graphiql.min.js')}"></script>
<script src="${file('plugin-explorer.umd.js')}"></script>
<script src="${file('explorer.js')}"></script>
</body>
</html>
`;
}

/** The explorer page and its files, read once from node_modules. */
export function createExplorerRoutes(options: ExplorerOptions = {}): readonly ExplorerRoute[] {
  const basePath = options.basePath ?? '/explorer';
  const html = page(basePath, {
    endpoint: GRAPHQL_PATH,
    query: options.query ?? '',
    variables: options.variables ?? '',
    headers: JSON.stringify(options.headers ?? {}, null, 2),
  });
  return [
    { path: basePath, contentType: 'text/html; charset=utf-8', body: Buffer.from(html) },
    { path: `${basePath}/explorer.js`, contentType: 'text/javascript; charset=utf-8', body: Buffer.from(START_SCRIPT) },
    ...BUNDLES.map((bundle) => ({
      path: `${basePath}/${bundle.file}`,
      contentType: bundle.contentType,
      body: bundleText(bundle.pkg, bundle.within),
    })),
  ];
}
