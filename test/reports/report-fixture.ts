import ExcelJS from 'exceljs';
import { Role } from '../../src/identity/role.enum';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { ReportWorld } from './report-world';

export const CELL = '{ value suppressed display }';
export type Cell = { value: number | null; suppressed: boolean; display: string };

const CSV = `query($from: String!, $to: String!) { monthlyReportCsv(fromMonth: $from, toMonth: $to) { csv } }`;
const XLSX = `query($from: String!, $to: String!) {
  monthlyReportDocument(fromMonth: $from, toMonth: $to, format: XLSX) { base64 } }`;

/**
 * The set-up the report e2e tests share: the app, Trelleborg's world (the report's), Malmö's
 * (whose rows must not count), a Trelleborg manager (suppressed cells), and the report of a
 * fixed range as GraphQL, CSV and XLSX.
 */
export class ReportFixture {
  t!: TestApp;
  tbg!: ReportWorld;
  mmo!: ReportWorld;
  manager!: TestUser;

  constructor(
    readonly fromMonth: string,
    readonly toMonth: string,
  ) {}

  async init(): Promise<this> {
    this.t = await createTestApp();
    this.tbg = await new ReportWorld(this.t, '1287').init();
    this.mmo = await new ReportWorld(this.t, '1280').init();
    this.manager = await createUser(this.t, this.tbg.org.OTHER, [Role.MANAGER]);
    return this;
  }

  close() {
    return this.t.close();
  }

  /** The range's monthlyReport with `selection`; fails on GraphQL errors. */
  async report(selection: string, token: string): Promise<any> {
    const res = await this.t.gql(
      `query($from: String!, $to: String!) { monthlyReport(fromMonth: $from, toMonth: $to) { ${selection} } }`,
      { from: this.fromMonth, to: this.toMonth },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.monthlyReport;
  }

  /** The CSV export as its text and as a map from the row name to its cells. */
  async csv(token: string): Promise<{ text: string; table: Map<string, string[]> }> {
    const res = await this.t.gql(CSV, { from: this.fromMonth, to: this.toMonth }, token);
    expect(res.errors).toBeUndefined();
    const text: string = res.data.monthlyReportCsv.csv;
    const lines = text.trimEnd().split('\r\n');
    return { text, table: new Map(lines.map((l) => [l.split(',')[0], l.split(',').slice(1)])) };
  }

  /** The XLSX export: row label → the values of its month and total columns. */
  async xlsx(token: string): Promise<Map<string, unknown[]>> {
    const res = await this.t.gql(XLSX, { from: this.fromMonth, to: this.toMonth }, token);
    expect(res.errors).toBeUndefined();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(res.data.monthlyReportDocument.base64, 'base64') as never);
    const rows = new Map<string, unknown[]>();
    book.worksheets[0].eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (typeof values[0] === 'string') rows.set(values[0], Array.from(values.slice(1)));
    });
    return rows;
  }
}

/** What the XLSX holds for a cell: the number, or the text "<5" when suppressed. */
export function xlsxValue(c: Cell): unknown {
  return c.suppressed ? '<5' : c.value;
}
