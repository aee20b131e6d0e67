-- POST /v1/generate through the gateway (provider-neutral AIContext body).
wrk.method = "POST"
wrk.path = "/v1/generate"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"messages":[{"role":"user","content":"What is 4200 + 42?"}],"max_tokens":64}'
