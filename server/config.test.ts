import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs on SQLite with the bundled defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ engine: 'sqlite', path: 'data/jiesu.sqlite' });
    expect(config.quietHours).toEqual({ start: '22:00', end: '08:00' });
    expect(config.openai).toBeUndefined();
    expect(config.wechaty.puppet).toBeUndefined();
  });

  it('chooses PostgreSQL for a postgres:// URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).database).toEqual({
      engine: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
    });
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CHANNEL_API_KEY: 'short', QUIET_HOURS: '10pm', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'CHANNEL_API_KEY', 'QUIET_HOURS', 'LOG_LEVEL']) expect(problems).toContain(name);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', CHANNEL_API_KEY: '' }).channelApiKey).toBeUndefined();
  });

  it('turns quiet hours off on request', () => {
    expect(loadConfig({ QUIET_HOURS: 'off' }).quietHours).toBe('off');
  });

  it('enables the LLM only with a key', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }).openai).toEqual({
      apiKey: 'sk-test',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'gpt-4o-mini',
      timeoutMs: 3000,
    });
  });
});
