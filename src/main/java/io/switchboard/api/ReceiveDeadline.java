package io.switchboard.api;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The clock of one connection's requests, in its Netty pipeline just before Vert.x's handler, where every decoded
 * part of an HTTP/1.x request passes: a request's head must be in within the header timeout of its first byte,
 * its body within the body timeout of its head, or the connection is closed. Between requests (keep-alive) and
 * while a request is answered, the connection's idle timeout applies: Vert.x's idle clock runs short for this
 * connection's first head ({@link ReceiveTimeouts}), so its idle events are let through only once they add up to
 * the configured idle timeout.
 * <p>
 * A head is known to be arriving when a read brought bytes ({@link #bytesIn()}, a handler in front of the HTTP
 * decoder) and the decoder made nothing of them. A timer is scheduled only when a read ends with a request still
 * incomplete, so a request that arrives within one read costs no allocation. While Vert.x has stopped reading
 * (the application is not ready for more, e.g. a pipelined request behind one in progress), the wait is not the
 * client's and the clock starts again. On an HTTP/2 connection only raw frames pass here, no decoder is in front,
 * and only the idle timeout is kept.
 */
final class ReceiveDeadline extends ChannelInboundHandlerAdapter implements Runnable {

    static final String NAME = "switchboard-receive-deadline";

    private static final Logger LOG = Logger.getLogger(ReceiveDeadline.class);

    private enum Phase {
        /** No request part since the last request ended. */
        BETWEEN,
        HEAD,
        BODY
    }

    private final long headerNanos;
    private final long bodyNanos;
    /** How many idle events in a row (one per short idle period) make the configured idle timeout. */
    private final long idleEventsToClose;
    private long idleEvents;
    private ChannelHandlerContext ctx;
    private Phase phase;
    /** Whether {@link #deadline} holds the end of the current phase (set when its first read ends). */
    private boolean timing;
    private long deadline;
    private boolean bytesThisRead;
    private boolean decodedThisRead;
    private ScheduledFuture<?> check;

    /**
     * {@code idleEventsToClose}: the idle timeout in periods of Vert.x's idle clock; {@code receivingBody}: put in
     * place while a request's head is dispatched, its body still to come.
     */
    ReceiveDeadline(long headerNanos, long bodyNanos, long idleEventsToClose, boolean receivingBody) {
        this.headerNanos = headerNanos;
        this.bodyNanos = bodyNanos;
        this.idleEventsToClose = idleEventsToClose;
        this.phase = receivingBody ? Phase.BODY : Phase.BETWEEN;
    }

    /** The handler to put in front of the HTTP decoder: it notes that a read brought bytes. */
    ChannelHandler bytesIn() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    bytesThisRead = true;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        decodedThisRead = true;
        if (msg instanceof HttpRequest) {
            enter(Phase.BODY);
        }
        if (msg instanceof LastHttpContent) {
            enter(Phase.BETWEEN);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (bytesThisRead && !decodedThisRead && phase == Phase.BETWEEN) {
            enter(Phase.HEAD);
        }
        bytesThisRead = false;
        decodedThisRead = false;
        if (phase != Phase.BETWEEN && !timing) {
            timing = true;
            deadline = System.nanoTime() + allowed();
            if (check == null || check.getDelay(TimeUnit.NANOSECONDS) > allowed()) {
                schedule(allowed());
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE) {
            // the events of one silence come once per period, the first of them marked
            idleEvents = idle.isFirst() ? 1 : idleEvents + 1;
            if (idleEvents < idleEventsToClose) {
                return;
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        ctx.fireChannelInactive();
    }

    /** The scheduled check: closes the connection once the current phase has run past its deadline. */
    @Override
    public void run() {
        check = null;
        if (!timing) {
            return;
        }
        long now = System.nanoTime();
        if (!ctx.channel().config().isAutoRead()) {
            deadline = now + allowed();
        } else if (now - deadline >= 0) {
            LOG.debugf("Closing a connection from %s: request %s not received within %d ms",
                    ctx.channel().remoteAddress(), phase == Phase.HEAD ? "head" : "body",
                    TimeUnit.NANOSECONDS.toMillis(allowed()));
            ctx.close();
            return;
        }
        schedule(deadline - now);
    }

    private void enter(Phase next) {
        phase = next;
        timing = false;
        if (next == Phase.BETWEEN && check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private long allowed() {
        return phase == Phase.HEAD ? headerNanos : bodyNanos;
    }

    private void schedule(long delayNanos) {
        if (check != null) {
            check.cancel(false);
        }
        check = ctx.executor().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
    }
}
