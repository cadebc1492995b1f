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
 * Reads a request body as raw bytes into `req.body`, never past `limit`. Unlike express.raw, which reads off
 * the whole rest of an oversized body before answering (forever, for an endless chunked one), it refuses a
 * declared Content-Length over the limit before reading anything, stops reading the moment a streamed body
 * passes it, and closes the connection after the answer. Compressed bodies are limited before and after
 * decompression.
 */
export function readRawBody(limit: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const tooLarge = (): void => {
      req.pause();
      res.setHeader('connection', 'close');
      next(bodyError('entity.too.large', `request body is over the ${limit}-byte limit`));
    };
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
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
        tooLarge();
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
