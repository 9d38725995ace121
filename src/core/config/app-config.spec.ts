import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const strongSecret = 'x'.repeat(32);

  it('refuses NODE_ENV=production without a JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('refuses NODE_ENV=production with a JWT_SECRET shorter than 32 characters', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) })).toThrow(
      /JWT_SECRET/,
    );
  });

  it('accepts NODE_ENV=production with a JWT_SECRET of 32 characters and uses it', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: strongSecret });
    expect(config.jwtSecret).toBe(strongSecret);
  });

  it('never loads demo data in production: unset is false even without DATABASE_URL', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: strongSecret }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).seedDemo).toBe(true);
  });

  it('refuses SEED_DEMO=true under NODE_ENV=production, naming the variable', () => {
    const start = () =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: strongSecret, SEED_DEMO: 'true' });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/SEED_DEMO=true is refused when NODE_ENV=production/);
  });

  it('falls back to a development secret outside production', () => {
    expect(loadConfig({}).jwtSecret.length).toBeGreaterThan(0);
    expect(loadConfig({}).nodeEnv).toBe('development');
  });

  it('reads the lockout, rate-limit and timeout settings from the environment', () => {
    const config = loadConfig({
      LOGIN_MAX_FAILURES: '7',
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      STATEMENT_TIMEOUT_MS: '1500',
      BODY_LIMIT: '10kb',
    });
    expect(config).toMatchObject({
      loginMaxFailures: 7,
      loginRateLimitPerMinute: 3,
      statementTimeoutMs: 1500,
      bodyLimit: '10kb',
    });
  });

  it('refuses a number setting that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/number/);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '3000abc'],
    ['PORT', '70000'],
    ['EMBEDDED_DB_PORT', '-1'],
    ['STATEMENT_TIMEOUT_MS', '1.5'],
    ['NODE_ENV', 'prod'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'xml'],
    ['SEED_DEMO', 'yes'],
  ])('names the variable when %s=%s cannot be used', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toMatch(new RegExp(`^${name} must be .*got "${value}"$`));
  });

  it('logs pretty in development and JSON elsewhere unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: strongSecret }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });
});
