package io.switchboard.api.responses;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.buffer.Buffer;

/**
 * An answer made once something is loaded (the stored conversation it continues), whose frames may pass
 * through a step of their own (holding the last until the response is stored). Its status and headers are the
 * inner answer's: Quarkus REST reads them when the first frame is written, after the inner answer has started
 * and chosen them. A failure before the first frame (nothing stored under that id) is an HTTP error answered by
 * the door's exception mapper, as the inner answer's own failures are.
 */
final class DeferredAnswer extends RestMulti<Buffer> {

    private final Uni<RestMulti<Buffer>> answer;
    private final Function<Multi<Buffer>, Multi<Buffer>> written;
    private volatile RestMulti<Buffer> started;

    DeferredAnswer(Uni<RestMulti<Buffer>> answer) {
        this(answer, Function.identity());
    }

    DeferredAnswer(Uni<RestMulti<Buffer>> answer, Function<Multi<Buffer>, Multi<Buffer>> written) {
        this.answer = answer;
        this.written = written;
    }

    @Override
    public void subscribe(MultiSubscriber<? super Buffer> subscriber) {
        answer.onItem().transformToMulti(inner -> {
            started = inner;
            return written.apply(inner);
        }).subscribe().withSubscriber(subscriber);
    }

    @Override
    public Integer getStatus() {
        RestMulti<Buffer> inner = started;
        return inner == null ? null : inner.getStatus();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        RestMulti<Buffer> inner = started;
        return inner == null ? Map.of() : inner.getHeaders();
    }
}
