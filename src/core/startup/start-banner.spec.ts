import { startBanner, table } from './start-banner';

describe('startBanner', () => {
  it('aligns every column to its widest cell', () => {
    expect(
      table([
        ['ROLE', 'E-MAIL'],
        ['MUNICIPALITY_ADMIN', 'a@b'],
        ['MANAGER', 'longer@example'],
      ]),
    ).toEqual([
      'ROLE                 E-MAIL',
      'MUNICIPALITY_ADMIN   a@b',
      'MANAGER              longer@example',
    ]);
  });

  it('shows the API, the IDE and the demo logins as lines of text', () => {
    const text = startBanner({
      nodeEnv: 'development',
      port: 3000,
      seconds: 4.25,
      database: 'embedded PostgreSQL on port 54329',
      graphiql: true,
      logs: 'LOG_LEVEL=info',
      demo: {
        password: 'pw',
        users: [{ role: 'AUDITOR', email: 'auditor@x.demo', organisation: 'Kommunen' }],
      },
    });
    expect(text).toContain('started in 4.3 s');
    expect(text).toContain('  GraphiQL IDE   http://localhost:3000/graphiql\n');
    expect(text).toContain('  AUDITOR   auditor@x.demo   Kommunen\n');
    expect(text).not.toContain('\\n');
  });
});
