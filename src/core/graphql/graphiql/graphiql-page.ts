import { dirname, join } from 'node:path';

/** Where the IDE lives; its files are under ASSETS_PATH, all from this origin. */
export const GRAPHIQL_PATH = '/graphiql';
const ASSETS_PATH = `${GRAPHIQL_PATH}/assets`;

export interface GraphiqlAsset {
  contentType: string;
  /** A file of an npm package, or text made here. */
  file?: string;
  text?: string;
}

/** The prebuilt bundles the graphiql and react packages ship, and the page's own script. */
export function graphiqlAssets(defaultQuery: string): Record<string, GraphiqlAsset> {
  const js = 'text/javascript; charset=utf-8';
  return {
    'react.production.min.js': {
      contentType: js,
      file: packageFile('react', 'umd/react.production.min.js'),
    },
    'react-dom.production.min.js': {
      contentType: js,
      file: packageFile('react-dom', 'umd/react-dom.production.min.js'),
    },
    'graphiql.min.js': { contentType: js, file: packageFile('graphiql', 'graphiql.min.js') },
    'graphiql.min.css': {
      contentType: 'text/css; charset=utf-8',
      file: packageFile('graphiql', 'graphiql.min.css'),
    },
    'page.css': { contentType: 'text/css; charset=utf-8', text: PAGE_CSS },
    'start-graphiql.js': { contentType: js, text: startScript(defaultQuery) },
  };
}

export function graphiqlPage(): string {
  const asset = (name: string) => `${ASSETS_PATH}/${name}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Ungdomsportalen · GraphiQL</title>
    <link rel="stylesheet" href="${asset('graphiql.min.css')}" />
    <link rel="stylesheet" href="${asset('page.css')}" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${asset('react.production.min.js')}"></script>
    <script src="${asset('react-dom.production.min.js')}"></script>
    <script src="${asset('graphiql.min.js')}"></script>
    <script src="${asset('start-graphiql.js')}"></script>
  </body>
</html>
`;
}

/**
 * Nothing outside this origin: scripts, styles and connections stay here (the fonts
 * are inlined in GraphiQL's CSS), so the IDE works without internet.
 */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL's editors set inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; }\n';

function startScript(defaultQuery: string): string {
  return `(function () {
  var url = new URL('/graphql', window.location.href).href;
  var fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: url.replace(/^http/, 'ws') });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: ${JSON.stringify(defaultQuery)},
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
`;
}

/** package.json is always exported, so its folder is found even where the file is not. */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}
