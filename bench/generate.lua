-- POST /v1/generate through the gateway (provider-neutral AIContext body).
wrk.method = "POST"
-- GEN_QUERY (run.sh, ROOM=1) sends it through a runtime route: "?provider=room"
wrk.path = "/v1/generate" .. (os.getenv("GEN_QUERY") or "")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"messages":[{"role":"user","content":"What is 4200 + 42?"}],"max_tokens":64}'
