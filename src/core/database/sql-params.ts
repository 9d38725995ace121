/** Positional parameters for hand-written SQL; generated SQL is embedded with its $n renumbered. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Embeds SQL that uses $1..$k for its own parameters. */
  embed(sql: string, params: unknown[]): string {
    const offset = this.values.length;
    this.values.push(...params);
    return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  }
}
