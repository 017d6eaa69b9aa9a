import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * The only place that reads the environment. Every variable is validated at once so an operator
 * sees all mistakes in one go instead of fixing them one restart at a time.
 */
const secret = z
  .string()
  .min(16, 'must be at least 16 characters (use a random key, e.g. `openssl rand -hex 24`)')
  .optional();

const quietHours = z
  .string()
  .regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM-HH:MM (e.g. 22:00-08:00) or off')
  .default('22:00-08:00');

const databaseUrl = z
  .string()
  .default('sqlite:data/jiesu.sqlite')
  .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
    message: 'must be sqlite:<path> or postgres://user@host:port/db',
  });

const envSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number (1-65535)' }).int().min(1).max(65535).default(3000),
  DATABASE_URL: databaseUrl,
  CHANNEL_API_KEY: secret,
  ADMIN_API_KEY: secret,
  WECHATY_PUPPET: z.string().min(1).optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().min(1).optional(),
  WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().min(1).optional(),
  WECHATY_SEND_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1200),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  KNOWLEDGE_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QUIET_HOURS: quietHours,
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
});

export type DatabaseTarget =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgres'; url: string };

export interface Config {
  port: number;
  database: DatabaseTarget;
  channelApiKey?: string;
  adminApiKey?: string;
  wechaty: {
    puppet?: string;
    puppetToken?: string;
    puppetEndpoint?: string;
    sendIntervalMs: number;
  };
  openai?: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number };
  /** Knowledge entries to answer from; default: the base bundled in knowledge/entries. */
  knowledgeDir?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  quietHours: { start: string; end: string } | 'off';
  /** Where photos and files citizens add to cases are kept (content-addressed). */
  attachmentsDir: string;
  /** How often the scheduler and the outbox look for due work. */
  workerIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset: `FOO= npm start` should not trip validation. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  return url.startsWith('sqlite:') ? { engine: 'sqlite', path: url.slice('sqlite:'.length) } : { engine: 'postgres', url };
}

/** Beside the SQLite file (one folder to back up), else ./data/attachments. */
function defaultAttachmentsDir(databaseUrl: string): string {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.engine === 'sqlite' && target.path !== ':memory:') return join(dirname(target.path), 'attachments');
  return join('data', 'attachments');
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const [start, end] = e.QUIET_HOURS === 'off' ? [] : e.QUIET_HOURS.split('-');
  return {
    port: e.PORT,
    database: parseDatabaseUrl(e.DATABASE_URL),
    channelApiKey: e.CHANNEL_API_KEY,
    adminApiKey: e.ADMIN_API_KEY,
    wechaty: {
      puppet: e.WECHATY_PUPPET,
      puppetToken: e.WECHATY_PUPPET_SERVICE_TOKEN,
      puppetEndpoint: e.WECHATY_PUPPET_SERVICE_ENDPOINT,
      sendIntervalMs: e.WECHATY_SEND_INTERVAL_MS,
    },
    openai: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS }
      : undefined,
    knowledgeDir: e.KNOWLEDGE_DIR,
    logLevel: e.LOG_LEVEL,
    quietHours: start && end ? { start, end } : 'off',
    attachmentsDir: e.ATTACHMENTS_DIR ?? defaultAttachmentsDir(e.DATABASE_URL),
    workerIntervalMs: e.WORKER_INTERVAL_MS,
  };
}
