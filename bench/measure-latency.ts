import http from 'node:http';
import { ATTRIBUTES_PER_USER, SCALE_KEY, SCALE_ORGANIZATION, SCALE_WEBSITE, scaleAttributeId, scaleUserId } from './scale-fixture.js';

/**
 * Bench worker (its own process): `node measure-latency.js URL list|upsert USERS REQUESTS`. One request at a
 * time on a kept-alive socket, each to a random user, timed with the high-resolution clock; prints JSON.
 */
const [base, kind, usersArg, requestsArg] = process.argv.slice(2);
const users = Number(usersArg);
const requests = Number(requestsArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function once(): Promise<number> {
  const user = scaleUserId(Math.floor(Math.random() * users));
  const attribute = scaleAttributeId(Math.floor(Math.random() * ATTRIBUTES_PER_USER));
  const body = kind === 'upsert'
    ? JSON.stringify({ data: [{ websiteUserAttributeId: attribute, userId: user, value: `v${Math.random()}` }], websiteId: SCALE_WEBSITE, organizationId: SCALE_ORGANIZATION })
    : undefined;
  const url = kind === 'upsert' ? `${base}/snag/api/website_user_attributes/values` : `${base}/snag/api/website_user_attributes/values?userIds=${user}`;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body ? 'POST' : 'GET', agent, headers: { 'x-api-key': SCALE_KEY, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const warmup = Math.min(1000, requests);
for (let i = 0; i < warmup; i++) await once();
const times: number[] = [];
for (let i = 0; i < requests; i++) times.push(await once());
times.sort((a, b) => a - b);
const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
process.stdout.write(`${JSON.stringify({ p50: at(0.5), p99: at(0.99), mean, requests })}\n`);
agent.destroy();
