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
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const allHeaders = { ...headers };
    if (body !== undefined && body !== null) allHeaders['content-length'] = Buffer.byteLength(body);
    // The abort signal is handled here rather than passed to node:http: node destroys the streams
    // with an AbortError of its own, which escapes as an uncaught exception when the abort comes
    // after the response has started (a state that fails while its call is in flight).
    let settled = false;
    const settle = (fn, value) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn(value);
    };
    const req = http.request(url, { method, agent, headers: allHeaders }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => settle(resolve, {
        status: res.statusCode,
        headers: res.headers,
        text: Buffer.concat(chunks).toString('utf8'),
      }));
      res.on('error', (e) => settle(reject, e));
    });
    const onAbort = () => {
      settle(reject, abortError(signal));
      req.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => settle(reject, e));
    if (body !== undefined && body !== null) req.write(body);
    req.end();
  });
}

function abortError(signal) {
  const e = new Error('The operation was aborted', { cause: signal?.reason });
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  return e;
}

export function closeAgent() {
  agent.destroy();
}
