import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: any;
}

/**
 * A request whose path goes on the wire exactly as given (fetch would normalise `%2e%2e` and `..`), and whose
 * headers may include `host` (fetch sends its own).
 */
export function rawRequest(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          /* keep the text */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface FloodResult {
  /** The status line and body of the answer, if one came. */
  statusLine?: string;
  body?: string;
  /** Bytes the client had handed to its socket when the answer arrived. */
  writtenWhenAnswered?: number;
  closed: boolean;
}

/**
 * Sends `head` and then streams `chunk` until `total` bytes are written, the server answers, or the socket
 * closes. A server that stops reading at its limit answers long before `total`.
 */
export function flood(port: number, head: string, chunk: Buffer | string, total: number, timeoutMs = 10_000): Promise<FloodResult> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const result: FloodResult = { closed: false };
    let written = 0;
    let received = '';
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (data) => {
      received += data.toString('utf8');
      result.writtenWhenAnswered ??= written;
      const [statusLine] = received.split('\r\n');
      result.statusLine = statusLine;
      result.body = received.slice(received.indexOf('\r\n\r\n') + 4);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      result.closed = true;
      resolve(result);
    });
    socket.write(head);
    const pump = (): void => {
      while (result.writtenWhenAnswered === undefined && written < total && !socket.destroyed) {
        written += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}
