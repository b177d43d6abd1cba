// The node flags the production server runs with (start-cluster.mjs and the peer benchmark use these; the
// `start` and `serve` scripts in package.json repeat them, keep them alike).
// --max-semi-space-size=4: V8's young generation grows to 2 × 16 MB by default and start-up alone fills it;
// 4 MB semi-spaces measured 12–15 MB less RSS at rest and with 200 open documents.
// No --enable-source-maps: it parsed the bundle's and the dependencies' source maps into the heap (~11 MB
// with 200 open documents) for stack traces the logs do not carry (they log error messages, never stacks).
// Add it through NODE_OPTIONS when debugging.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
