package org.kamplanner.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.kamplanner.document.PlanDocument;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The bundled datasets: datasets/ in the source tree, demo-data/ on the classpath. */
@Component
public class DemoData {

    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    private final ObjectMapper mapper;
    private final List<String> names;

    public DemoData(ObjectMapper mapper) throws IOException {
        this.mapper = mapper;
        this.names = Arrays.stream(resolver.getResources("classpath*:demo-data/*.json"))
                .map(Resource::getFilename)
                .map(name -> name.substring(0, name.length() - ".json".length()))
                .sorted()
                .toList();
    }

    public List<String> names() {
        return names;
    }

    /** The dataset's JSON as bundled, or empty when no dataset has this name. */
    public Optional<Resource> resource(String name) {
        return names.contains(name) ? Optional.of(resolver.getResource("classpath:demo-data/" + name + ".json"))
                : Optional.empty();
    }

    /** The dataset as a plan document, or empty when no dataset has this name. */
    public Optional<PlanDocument> document(String name) {
        return resource(name).map(resource -> {
            try (InputStream in = resource.getInputStream()) {
                return mapper.readValue(in, PlanDocument.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
