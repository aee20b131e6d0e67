-- POST /v1/generate through the gateway (provider-neutral AIContext body).
wrk.method = "POST"
-- GW_QUERY (environment), e.g. "?provider=bench": another provider or route
wrk.path = "/v1/generate" .. (os.getenv("GW_QUERY") or "")
wrk.headers["Content-Type"] = "application/json"
-- GW_AUTH (environment), e.g. "Bearer sk-sb-...": the gateway key or virtual key the requests carry
if os.getenv("GW_AUTH") and os.getenv("GW_AUTH") ~= "" then wrk.headers["Authorization"] = os.getenv("GW_AUTH") end
wrk.body = '{"messages":[{"role":"user","content":"What is 4200 + 42?"}],"max_tokens":64}'
