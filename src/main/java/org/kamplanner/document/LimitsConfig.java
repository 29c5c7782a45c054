package org.kamplanner.document;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the kam-planner.limits.* properties to {@link Limits}, next to the class it binds. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Limits.class)
public class LimitsConfig {
}
