package org.kamplanner.web;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint the service's own controllers serve, as "METHOD pattern": what a table test must cover. */
final class ServedEndpoints {

    private ServedEndpoints() {
    }

    static Set<String> of(RequestMappingHandlerMapping mappings) {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (method.getBeanType().getName().startsWith("org.kamplanner.")) {
                for (String pattern : info.getPatternValues()) {
                    info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + pattern));
                }
            }
        });
        return served;
    }
}
