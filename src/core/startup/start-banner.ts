/** What the banner shows; main.ts gathers it once the API listens. */
export interface BannerInfo {
  nodeEnv: string;
  port: number;
  seconds: number;
  database: string;
  graphiql: boolean;
  logs: string;
  demo?: { password: string; users: { role: string; email: string; organisation: string }[] };
}

/**
 * The few lines a developer needs after `npm start`: where the API and the IDE are,
 * which database, the demo logins as a table, how to stop. Plain text, not a log entry.
 */
export function startBanner(info: BannerInfo): string {
  const base = `http://localhost:${info.port}`;
  const links: string[][] = [['GraphQL API', `${base}/graphql`]];
  if (info.graphiql) links.push(['GraphiQL IDE', `${base}/graphiql`]);
  links.push(['Health', `${base}/health`], ['Database', info.database]);
  const lines = [
    '',
    `Ungdomsportalen is ready (${info.nodeEnv}, started in ${info.seconds.toFixed(1)} s)`,
    '',
    ...table(links).map((l) => `  ${l}`),
  ];
  if (info.demo) {
    lines.push(
      '',
      `Demo users (password ${info.demo.password}):`,
      '',
      ...table([
        ['ROLE', 'E-MAIL', 'ORGANISATION'],
        ...info.demo.users.map((u) => [u.role, u.email, u.organisation]),
      ]).map((l) => `  ${l}`),
    );
  }
  lines.push('', `Stop with Ctrl-C. Logs follow (${info.logs}).`, '');
  return lines.join('\n') + '\n';
}

/** Rows as lines with every column padded to its widest cell. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('   ')
      .trimEnd(),
  );
}
