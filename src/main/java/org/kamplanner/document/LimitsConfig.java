package org.kamplanner.document;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

// A config of its own rather than a scan on the main class, so this branch does not touch it.
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Limits.class)
public class LimitsConfig {
}
