import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for an OpenAI-compatible chat-completions server, enough for the `openai` SDK:
 * `POST /v1/chat/completions` with a bearer key, answered by whatever the test says (content, a
 * refusal, an HTTP error, a body that is not JSON, after a delay). Every request is recorded so a
 * test can check what left the process. Listens on 127.0.0.1, port 0: no network involved.
 */

export interface ChatMessage {
  role: string;
  content: string | null;
  [key: string]: unknown;
}

export interface ChatCompletionRequestBody {
  model: string;
  messages: ChatMessage[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed body; undefined when it was not JSON. */
  body: ChatCompletionRequestBody | undefined;
}

interface Delayed {
  /** Wait this long before answering (a client that gives up first just disconnects). */
  delayMs?: number;
}

export type FakeAnswer = Delayed &
  (
    | { content: string; finishReason?: 'stop' | 'length' | 'content_filter' }
    /** Shorthand: `content` is JSON.stringify(json). */
    | { json: unknown }
    | { refusal: string }
    /** An OpenAI-style error body with this status (500, 429…). */
    | { status: number; error?: { message: string; type?: string; code?: string | null } }
    /** Exactly this response body, e.g. something that is not JSON at all. */
    | { rawBody: string; status?: number }
  );

export type Responder = (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeOpenAiServer {
  /** Base URL to give the SDK, ending in /v1. */
  url: string;
  /** The key the server accepts as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Every request received, in order, including rejected ones. */
  requests: RecordedRequest[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

const COMPLETIONS_PATH = '/v1/chat/completions';

export async function startFakeOpenAiServer(options: { apiKey?: string } = {}): Promise<FakeOpenAiServer> {
  const apiKey = options.apiKey ?? 'sk-test-fake-key';
  const requests: RecordedRequest[] = [];
  let responder: Responder = () => ({ json: {} });
  let served = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `fake server failed: ${String(error)}`, type: 'server_error', param: null, code: null } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const rawBody = await readBody(req);
    let body: ChatCompletionRequestBody | undefined;
    try {
      body = JSON.parse(rawBody) as ChatCompletionRequestBody;
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, body };
    requests.push(recorded);

    if (req.method !== 'POST' || recorded.path !== COMPLETIONS_PATH) {
      return sendJson(res, 404, apiError(`Unknown request URL: ${req.method} ${recorded.path}`, 'invalid_request_error', 'unknown_url'));
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    if (!body || !Array.isArray(body.messages) || typeof body.model !== 'string') {
      return sendJson(res, 400, apiError('We could not parse the JSON body of your request.', 'invalid_request_error', null));
    }

    const answer = await responder(recorded);
    if (answer.delayMs && !(await waitUnlessGone(res, answer.delayMs))) return;

    if ('rawBody' in answer) {
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(answer.rawBody);
      return;
    }
    if ('status' in answer) {
      const error = answer.error ?? { message: answer.status === 429 ? 'Rate limit reached.' : 'The server had an error while processing your request.' };
      return sendJson(res, answer.status, apiError(error.message, error.type ?? (answer.status === 429 ? 'rate_limit_exceeded' : 'server_error'), error.code ?? null));
    }
    served += 1;
    const refusal = 'refusal' in answer ? answer.refusal : null;
    const content = 'content' in answer ? answer.content : 'json' in answer ? JSON.stringify(answer.json) : null;
    const finishReason = 'finishReason' in answer && answer.finishReason ? answer.finishReason : 'stop';
    const promptTokens = body.messages.reduce((sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 0), 0);
    const completionTokens = (content ?? refusal ?? '').length;
    sendJson(res, 200, {
      id: `chatcmpl-fake-${served}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal, annotations: [] }, logprobs: null, finish_reason: finishReason }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    respondWith(next) {
      responder = next;
    },
    close() {
      return new Promise<void>((resolve) => {
        // Delayed answers hold their connections open; a test is over, so cut them.
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

function apiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_fake_${Date.now()}` });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** False if the client went away while we waited (it timed out or aborted). */
function waitUnlessGone(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', gone);
      resolve(true);
    }, ms);
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', gone);
  });
}
