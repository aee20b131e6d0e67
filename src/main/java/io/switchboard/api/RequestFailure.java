package io.switchboard.api;

/** Carries a failure to the exception mapper together with the request id it must report. */
final class RequestFailure extends RuntimeException {

    private final String requestId;

    RequestFailure(Throwable cause, String requestId) {
        super(cause.getMessage(), cause, false, false);
        this.requestId = requestId;
    }

    String requestId() {
        return requestId;
    }
}
