package io.switchboard.core.model;

/** Where a request placed prompt-cache breakpoints of its own. */
public final class CacheBreakpoints {

    private CacheBreakpoints() {
    }

    /** Whether the request placed any breakpoint: on its system prompt, a tool, a part or a tool result's part. */
    public static boolean placed(AIContext context) {
        if (context.systemCacheControl() != null) {
            return true;
        }
        for (AITool tool : context.tools()) {
            if (tool.cacheControl() != null) {
                return true;
            }
        }
        for (AIMessage message : context.messages()) {
            for (Part part : message.content()) {
                if (part.cacheControl() != null || part instanceof ToolResultPart result && placedIn(result)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the result placed a breakpoint on one of its own parts. */
    public static boolean placedIn(ToolResultPart result) {
        for (Part part : result.result()) {
            if (part.cacheControl() != null) {
                return true;
            }
        }
        return false;
    }
}
