-- POST /v1/messages straight to the mock upstream (what the gateway sends for one generate call).
wrk.method = "POST"
wrk.path = "/v1/messages"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = "bench"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.body = '{"model":"m","max_tokens":64,"messages":[{"role":"user","content":[{"type":"text","text":"What is 4200 + 42?"}]}],"temperature":0.7}'
