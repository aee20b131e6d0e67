package io.switchboard.api;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a stream's frames as the body of the response its door chose at the first event, the way Quarkus REST
 * writes a Vert.x {@code AsyncFile}: the request is suspended while {@link SseFrames} writes to the response, one
 * write per event, and resumed when the stream is over. Written this way, an event costs one write; as the items
 * of a {@code RestMulti} it would also cost a writer lookup and two copies (the figures are in
 * {@code docs/decisions/0004-stream-bodies-written-by-a-body-writer.md}).
 */
@Provider
public class SseFramesWriter implements ServerMessageBodyWriter<SseFrames> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return type == SseFrames.class;
    }

    @Override
    public void writeResponse(SseFrames frames, Type genericType, ServerRequestContext context) {
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context;
        request.suspend();
        frames.writeTo(request.serverRequest().unwrap(HttpServerResponse.class), request::resume);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == SseFrames.class;
    }

    @Override
    public void writeTo(SseFrames frames, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body) {
        throw new UnsupportedOperationException("a stream is written to the response, not to an output stream");
    }
}
