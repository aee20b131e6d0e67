package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An image, given as an {@code https:} URL or a {@code data:} URI; {@code cacheControl} places a prompt-cache
 * breakpoint after it (null: none).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImagePart(String url, String mimeType,
        @JsonInclude(JsonInclude.Include.NON_NULL) CacheControl cacheControl) implements Part {

    public static final String TYPE = "image";

    /** An image without a cache breakpoint. */
    public ImagePart(String url, String mimeType) {
        this(url, mimeType, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    public boolean isDataUri() {
        return url != null && url.startsWith("data:");
    }

    /** The media type: the explicit one, else the one a data URI declares, else null. */
    public String effectiveMimeType() {
        if (mimeType != null && !mimeType.isBlank()) {
            return mimeType;
        }
        if (isDataUri()) {
            int end = url.indexOf(';');
            int comma = url.indexOf(',');
            int stop = end > 0 && (comma < 0 || end < comma) ? end : comma;
            return stop > 5 ? url.substring(5, stop) : null;
        }
        return null;
    }

    /** The base64 payload of a data URI (what follows the first comma), or null for a URL. */
    public String base64Data() {
        if (!isDataUri()) {
            return null;
        }
        int comma = url.indexOf(',');
        return comma < 0 ? "" : url.substring(comma + 1);
    }
}
