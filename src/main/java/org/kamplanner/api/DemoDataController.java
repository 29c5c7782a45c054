package org.kamplanner.api;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The bundled datasets (datasets/ in the source tree, demo-data/ on the classpath). */
@RestController
@RequestMapping("/demo-data")
@Tag(name = "Demo data")
public class DemoDataController {

    private static final String LOCATION = "classpath:demo-data/";

    private final List<String> names;

    public DemoDataController() throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:demo-data/*.json");
        this.names = Arrays.stream(resources)
                .map(Resource::getFilename)
                .map(name -> name.substring(0, name.length() - ".json".length()))
                .sorted()
                .toList();
    }

    @Operation(summary = "Names of the bundled datasets")
    @GetMapping
    public List<String> names() {
        return names;
    }

    @Operation(summary = "One bundled dataset as a plan document")
    @GetMapping(value = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Resource> dataset(@PathVariable String name) {
        if (!names.contains(name)) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                    "No dataset named '%s'".formatted(name));
        }
        return ResponseEntity.ok(new PathMatchingResourcePatternResolver().getResource(LOCATION + name + ".json"));
    }
}
