// Bundled by esbuild into the cross-origin test page: the graphql-ws browser client.
import { createClient } from 'graphql-ws';

window.graphqlWs = { createClient };
