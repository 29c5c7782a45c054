package org.kamplanner.web;

import java.util.List;

import org.kamplanner.data.DemoData;
import org.kamplanner.errors.NotFoundException;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The bundled datasets. */
@RestController
@RequestMapping("/demo-data")
@Tag(name = "Demo data")
public class DemoDataController {

    private final DemoData demoData;

    public DemoDataController(DemoData demoData) {
        this.demoData = demoData;
    }

    @Operation(summary = "Names of the bundled datasets")
    @GetMapping
    public List<String> names() {
        return demoData.names();
    }

    @Operation(summary = "One bundled dataset as a plan document")
    @GetMapping(value = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Resource> dataset(@PathVariable String name) {
        return ResponseEntity.ok(demoData.resource(name).orElseThrow(() -> new NotFoundException("Dataset", name)));
    }
}
