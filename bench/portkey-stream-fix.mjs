// Loaded into Portkey's gateway (node --import) by open-streams.sh, so that it can stream at all: Portkey 1.15.2
// appends its own headers to the upstream's fetch() response, whose headers Node's fetch makes immutable, and so
// answers every stream with a 500 ("TypeError: immutable", Portkey's issue #1389). The upstream's answer is handed
// on as a new Response, with the same status, headers and body stream, whose headers Portkey may then change.
const upstreamFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const answer = await upstreamFetch(...args);
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
};
