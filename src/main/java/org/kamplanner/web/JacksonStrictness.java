package org.kamplanner.web;

import java.util.List;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * JSON is read strictly, and only JSON. Jackson turns a number or boolean into a string silently even with scalar coercion switched off
 * (application.properties); a tier of 1 or an id of true is a client bug we want to name instead.
 */
@Configuration(proxyBeanMethods = false)
public class JacksonStrictness {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noScalarToStringCoercion() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * Spring adds a YAML converter to every endpoint because springdoc brings jackson-dataformat-yaml onto
     * the class path, and YAML would skip all of the above (duplicate keys, "6000" as a number, yes as
     * true, a second document) and costs CPU with the square of a long scalar's length. Nothing documents
     * YAML bodies, so they are refused with 415 (SECURITY.md). springdoc writes {@code /v3/api-docs.yaml}
     * as a string itself, without this converter, so that document stays.
     */
    @Bean
    WebMvcConfigurer jsonBodiesOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.removeIf(MappingJackson2YamlHttpMessageConverter.class::isInstance);
            }
        };
    }
}
