import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const DECODERS: Record<string, (input: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** Body errors carry raw-body's `type`s, which the host's error handler already maps to error kinds. */
function bodyError(type: string, message: string): Error & { type: string } {
  return Object.assign(new Error(message), { type });
}

/**
 * How much of an oversized body is read off and thrown away before the 413, and for how long: a client still
 * sending when the connection closes (Node's fetch, most HTTP clients) sees EPIPE instead of the status.
 */
const DISCARD_BYTES = 16 * 1024 * 1024;
const DISCARD_MS = 5_000;

/**
 * Reads a request body as raw bytes into `req.body`, never keeping more than `limit`. An oversized body (declared
 * or streamed) is read off and discarded up to DISCARD_BYTES and DISCARD_MS, so its sender sees the 413; past
 * those (a declared 64 MiB, an endless chunked body) it is answered at once, unlike express.raw, which reads
 * forever. The connection closes after a 413. Compressed bodies are limited before and after decompression.
 */
export function readRawBody(limit: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const tooLarge = (): void => {
      req.pause();
      res.setHeader('connection', 'close');
      next(bodyError('entity.too.large', `request body is over the ${limit}-byte limit`));
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > DISCARD_BYTES) return tooLarge();
    if (declared > limit) return discardThen(req, 0, tooLarge);
    if (req.headers['transfer-encoding'] === undefined && !Number(req.headers['content-length'] ?? 0)) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error): void => {
      req.off('data', onData).off('end', onEnd).off('error', finish).off('aborted', onAborted);
      if (error) next(bodyError('request.aborted', error.message));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        finish();
        discardThen(req, size, tooLarge);
      }
    };
    const onAborted = (): void => finish(new Error('request aborted'));
    const onEnd = (): void => {
      finish();
      decode(req, Buffer.concat(chunks, size), limit, next);
    };
    req.on('data', onData).on('end', onEnd).on('error', finish).on('aborted', onAborted);
  };
}

/** Reads the rest of a refused body into nothing, then answers: at its end, past DISCARD_BYTES or after DISCARD_MS. */
function discardThen(req: Request, alreadyRead: number, answer: () => void): void {
  let read = alreadyRead;
  const done = (): void => {
    clearTimeout(timer);
    req.off('data', onData).off('end', done).off('error', done).off('aborted', done);
    answer();
  };
  const onData = (chunk: Buffer): void => {
    read += chunk.length;
    if (read > DISCARD_BYTES) done();
  };
  const timer = setTimeout(done, DISCARD_MS);
  req.on('data', onData).on('end', done).on('error', done).on('aborted', done);
}

function decode(req: Request, raw: Buffer, limit: number, next: NextFunction): void {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') {
    req.body = raw;
    return next();
  }
  const decoder = DECODERS[encoding];
  if (!decoder) return next(bodyError('encoding.unsupported', `content encoding ${encoding} is not supported`));
  try {
    req.body = decoder(raw, { maxOutputLength: limit });
  } catch (error) {
    const code = (error as { code?: string }).code;
    return next(code === 'ERR_BUFFER_TOO_LARGE' ? bodyError('entity.too.large', 'decompressed body is over the limit') : bodyError('request.size.invalid', 'body is not validly compressed'));
  }
  next();
}
