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
      redact: { paths: ['text', 'phone', 'name', '*.text', '*.phone', '*.name', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination ?? process.stdout,
  );
}
