// The GraphQL-over-HTTP server audit of graphql-http, against a running casegraph.
// Usage: node audit.mjs URL API_KEY   -> prints one JSON array of {id, name, status, reason}.
import { auditServer } from 'graphql-http';

const [url, key] = process.argv.slice(2);
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url, fetchFn });
process.stdout.write(
  JSON.stringify(results.map(({ id, name, status, reason }) => ({ id, name, status, reason }))),
);
