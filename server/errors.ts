/**
 * Exceptional outcomes. Expected ones (a wrong phone number, a duplicate message) are flow states or
 * result values, not errors. `expose` marks messages safe to show to a client.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    readonly expose = false,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string) => new AppError(code, message, 400, true);
export const unauthorized = (message = 'Missing or invalid API key') => new AppError('unauthorized', message, 401, true);
export const notFound = (message: string) => new AppError('not_found', message, 404, true);
export const conflict = (code: string, message: string) => new AppError(code, message, 409, true);
