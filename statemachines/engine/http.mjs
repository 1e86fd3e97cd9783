// A small HTTP client on node:http: no response timeout (a Lambda handler may run for minutes;
// undici's fetch gives up on headers after 300 s), abortable, keep-alive.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function request(method, urlString, { body, headers = {}, signal } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(urlString);
    if (url.protocol !== 'http:') {
      reject(new Error(`only http:// endpoints are supported, got ${urlString}`));
      return;
    }
    const allHeaders = { ...headers };
    if (body !== undefined && body !== null) allHeaders['content-length'] = Buffer.byteLength(body);
    const req = http.request(url, { method, agent, headers: allHeaders, signal }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode,
        headers: res.headers,
        text: Buffer.concat(chunks).toString('utf8'),
      }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined && body !== null) req.write(body);
    req.end();
  });
}

export function closeAgent() {
  agent.destroy();
}
