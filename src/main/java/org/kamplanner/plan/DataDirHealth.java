package org.kamplanner.plan;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.system.DiskSpaceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Health DOWN when the disk that holds the data directory runs low (SECURITY.md, "Full disk"). Spring's own
 * indicator, pointed at the directory that exists: the data directory may not exist yet (a first start, or a
 * service whose database is elsewhere), and a path that does not exist has no usable space, which would read
 * as a full disk.
 */
@Configuration
class DataDirHealth {

    @Bean
    DiskSpaceHealthIndicator diskSpaceHealthIndicator(@Value("${kam-planner.data-dir:./data}") Path dataDir,
            @Value("${management.health.diskspace.threshold:256MB}") DataSize threshold) {
        Path existing = dataDir.toAbsolutePath().normalize();
        while (!Files.isDirectory(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        File path = existing.toFile();
        return new DiskSpaceHealthIndicator(path, threshold);
    }
}
