package org.kamplanner.document;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size caps on a plan document. They bound memory and solve time per request and, together with the
 * value caps of {@link PlanValidator}, keep every score sum inside a 64-bit long.
 */
@ConfigurationProperties(prefix = "kam-planner.limits")
public record Limits(
        @DefaultValue("20000") int maxAccounts,
        @DefaultValue("2000") int maxKams,
        @DefaultValue("5000") int maxRegions,
        @DefaultValue("20971520") long maxBodyBytes) {
}
