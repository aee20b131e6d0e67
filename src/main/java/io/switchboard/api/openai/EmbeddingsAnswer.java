package io.switchboard.api.openai;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.model.Usage;
import io.vertx.core.buffer.Buffer;

/**
 * OpenAI's embeddings answer: {@code {"object": "list", "data": [{"object": "embedding", "index", "embedding"}],
 * "model", "usage": {"prompt_tokens", "total_tokens"}}}, each vector a list of numbers or, for
 * {@code encoding_format: base64}, its float32 values little-endian, base64-encoded, as OpenAI sends them.
 * Written straight to bytes: a vector has hundreds to thousands of numbers.
 */
final class EmbeddingsAnswer {

    private static final JsonFactory JSON = new JsonFactory();

    private EmbeddingsAnswer() {
    }

    /** {@code model} is the request's, as the chat door answers it. */
    static Buffer write(EmbeddingResponse response, String model, boolean base64) {
        List<float[]> vectors = response.vectors();
        Buffer out = Buffer.buffer(64 + vectors.size() * (vectors.isEmpty() ? 0 : vectors.get(0).length) * 12);
        try (JsonGenerator json = JSON.createGenerator(new BufferOutput(out))) {
            json.writeStartObject();
            json.writeStringField("object", "list");
            json.writeArrayFieldStart("data");
            for (int i = 0; i < vectors.size(); i++) {
                json.writeStartObject();
                json.writeStringField("object", "embedding");
                json.writeNumberField("index", i);
                json.writeFieldName("embedding");
                if (base64) {
                    json.writeString(base64(vectors.get(i)));
                } else {
                    json.writeStartArray();
                    for (float value : vectors.get(i)) {
                        // written as the float it is (0.1f as 0.1), not widened to a double's digits
                        json.writeNumber(value);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("model", model);
            int tokens = Usage.orZero(response.usage().inputTokens());
            json.writeObjectFieldStart("usage");
            json.writeNumberField("prompt_tokens", tokens);
            json.writeNumberField("total_tokens", tokens);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("embeddings answer not writable", e);
        }
        return out;
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** Jackson's output written into a Vert.x buffer, with no copy at the end. */
    private static final class BufferOutput extends java.io.OutputStream {
        private final Buffer buffer;

        BufferOutput(Buffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            buffer.appendByte((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.appendBytes(b, off, len);
        }
    }
}
