-- POST /v1/chat/completions straight to the mock upstream (what the gateway sends for one generate call).
wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench"
wrk.body = '{"model":"m","max_tokens":64,"messages":[{"role":"user","content":"What is 4200 + 42?"}],"temperature":0.7}'
