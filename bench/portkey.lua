-- POST /v1/chat/completions through the Portkey gateway to the same mock upstream (the comparison of
-- PORTKEY=...): the body the mock gets straight (upstream-openai.lua), routed by Portkey's headers.
-- PORTKEY_UPSTREAM (environment): the mock's OpenAI base URL, e.g. http://127.0.0.1:18081/v1
wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench"
wrk.headers["x-portkey-provider"] = "openai"
wrk.headers["x-portkey-custom-host"] = os.getenv("PORTKEY_UPSTREAM")
wrk.body = '{"model":"m","max_tokens":64,"messages":[{"role":"user","content":"What is 4200 + 42?"}],"temperature":0.7}'
