-- POST /v1/stream through the gateway (default provider "up": the mock writes the whole stream at once).
wrk.method = "POST"
wrk.path = "/v1/stream"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "text/event-stream"
wrk.body = '{"messages":[{"role":"user","content":"What is 4200 + 42?"}],"max_tokens":64}'
