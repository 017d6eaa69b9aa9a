import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger for the whole process. Personal data (citizens' words, phone numbers, names)
 * may only be logged at debug level; the redact list is a safety net for fields that slip through.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      // Database errors carry the failed query's parameters (citizens' words, phone numbers): only the
      // type, code, message and stack of an error reach the log.
      serializers: { err: safeError },
      redact: { paths: ['text', 'phone', 'name', '*.text', '*.phone', '*.name', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination ?? process.stdout,
  );
}

function safeError(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return { type: error.name, code: typeof code === 'string' ? code : undefined, message: error.message, stack: error.stack };
}
