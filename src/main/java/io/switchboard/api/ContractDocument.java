package io.switchboard.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.SmallRyeOpenAPI;

/**
 * Puts the checked-in contract ({@code META-INF/openapi.yaml}) into the document SmallRye OpenAPI serves at
 * {@code /q/openapi}, read on the first request for it rather than at start-up.
 * <p>
 * Given the file as its static document, the extension reads and re-writes all of it while the service starts:
 * about 0.4 s of a start of 1.2 s with the AOT cache (docs/decisions/0002). Ignored at build time
 * ({@code quarkus.smallrye-openapi.ignore-static-document}), it builds an empty document instead, and this
 * per-request filter fills it from the file, parsed by SmallRye once, on the worker thread that serves the
 * document. What is served is still SmallRye's rendering of the same model, in YAML and JSON.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class ContractDocument implements OASFilter {

    static final String LOCATION = "META-INF/openapi.yaml";

    private volatile OpenAPI contract;

    @Override
    public void filterOpenAPI(OpenAPI served) {
        OpenAPI from = contract();
        served.setOpenapi(from.getOpenapi());
        served.setInfo(from.getInfo());
        served.setExternalDocs(from.getExternalDocs());
        served.setServers(from.getServers());
        served.setSecurity(from.getSecurity());
        served.setTags(from.getTags());
        served.setPaths(from.getPaths());
        served.setComponents(from.getComponents());
        served.setWebhooks(from.getWebhooks());
        served.setExtensions(from.getExtensions());
    }

    private OpenAPI contract() {
        OpenAPI read = contract;
        if (read == null) {
            synchronized (this) {
                read = contract;
                if (read == null) {
                    read = contract = read();
                }
            }
        }
        return read;
    }

    private static OpenAPI read() {
        ClassLoader loader = ContractDocument.class.getClassLoader();
        return SmallRyeOpenAPI.builder()
                .withApplicationClassLoader(loader)
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableAnnotationScan(false)
                .enableStandardFilter(false)
                .withCustomStaticFile(() -> open(loader))
                .build()
                .model();
    }

    private static InputStream open(ClassLoader loader) {
        InputStream file = loader.getResourceAsStream(LOCATION);
        if (file == null) {
            throw new UncheckedIOException(new IOException(LOCATION + " is not packaged"));
        }
        return file;
    }
}
