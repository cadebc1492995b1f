import type { ServerResponse } from 'node:http';
import type { Outcome } from '../admin/qa-control.js';
import type { SentResponse } from '../admin/recorded-response.js';
import { sendResponse } from './send-response.js';

/** Delivers what the QA control decided: the response, a garbled copy of it, or a connection cut without one. */
export function sendOutcome(res: ServerResponse, outcome: Outcome): SentResponse | undefined {
  const response = outcome.handled.response;
  if (outcome.delivery === 'dropped') {
    res.socket?.destroy();
    return undefined;
  }
  if (outcome.delivery === 'normal') return sendResponse(res, response);
  // Half of the JSON the client expected: it starts right and never closes, as a cut-off upstream answer does.
  const json = JSON.stringify(response.body ?? { message: 'attrmock malformed body' });
  const payload = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
  const status = outcome.fired?.status ?? response.status;
  const headers = {
    ...response.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
  };
  res.writeHead(status, headers);
  res.end(payload);
  return { status, headers, payload };
}
