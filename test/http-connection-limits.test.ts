import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';
import { CONNECTION_LIMITS } from '../src/http/create-http-server.js';

/** Opens a connection, writes `text`, and resolves with what came back once the server closes it. */
function sendAndWaitForClose(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (data) => (received += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(received));
  });
}

describe('slow and piled-up clients (issue 20)', () => {
  it('sets explicit header, request and keep-alive timeouts and a connection cap, not Node\'s minutes-long defaults', () => {
    expect(CONNECTION_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(20_000);
    expect(CONNECTION_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(60_000);
    expect(CONNECTION_LIMITS.maxConnections).toBeGreaterThan(0);
  });

  it('closes a client that never finishes its headers', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', connectionLimits: { headersTimeoutMs: 300 } });
    try {
      const answer = await sendAndWaitForClose(mock.port, 'GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await mock.close();
    }
  });

  it('closes a client that never finishes its body', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', connectionLimits: { requestTimeoutMs: 400, headersTimeoutMs: 300 } });
    try {
      const answer = await sendAndWaitForClose(mock.port, 'PUT /__admin/state HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ven');
      expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('refuses connections past the cap while the first ones are held open', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', connectionLimits: { maxConnections: 2 } });
    // Each held connection has had an answer, so the server has surely counted it; keep-alive keeps it open.
    const held = await Promise.all([0, 1].map(() => new Promise<net.Socket>((resolve) => {
      const socket = net.connect(mock.port, '127.0.0.1', () => socket.write('GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
      socket.once('data', () => resolve(socket));
    })));
    try {
      // The server accepts and at once destroys a connection over its cap: the client sees it closed, unanswered.
      expect(await sendAndWaitForClose(mock.port, 'GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toBe('');
      held.forEach((socket) => socket.destroy());
      // Room comes back once the server has seen the held ones close.
      let answer = '';
      for (let tries = 0; tries < 100 && !answer; tries++) {
        answer = await sendAndWaitForClose(mock.port, 'GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
        if (!answer) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      held.forEach((socket) => socket.destroy());
      await mock.close();
    }
  });
});
