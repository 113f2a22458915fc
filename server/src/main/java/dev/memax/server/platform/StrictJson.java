package dev.memax.server.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jackson.JacksonConfiguration;
import io.micronaut.jackson.ObjectMapperFactory;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The one JSON reader of the application (request bodies, MCP messages and tool arguments all go
 * through this {@code ObjectMapper}), strict where the README promises it:
 * <ul>
 *   <li>no coercion between JSON types: {@code "pinned": "true"}, {@code "content": 123},
 *       {@code "limit": "5"} are {@code 400 bad_request} naming the field (a string where a list
 *       belongs and a float where an integer belongs are refused by application.yml);</li>
 *   <li>nothing after the value: {@code {"content":"a"}{"content":"b"}} is {@code 400};</li>
 *   <li>text without NUL and with valid Unicode ({@link StrictJsonFactory});</li>
 *   <li>an object only from a JSON object: a scalar body ({@code 123}, {@code true}, {@code "x"})
 *       or field is {@code 400 bad_request} ({@link ObjectsOnly});</li>
 *   <li>unknown fields still ignored (clients of other versions send them).</li>
 * </ul>
 * A body of JSON {@code null} is no body: {@code 400} where the route needs one.
 */
@Factory
public class StrictJson {

    /** Micronaut's factory, with the same settings, making {@link StrictJsonFactory}s. */
    @Singleton
    @Replaces(bean = JsonFactory.class, factory = ObjectMapperFactory.class)
    public JsonFactory jsonFactory(@Nullable JacksonConfiguration configuration) {
        JsonFactoryBuilder builder = new JsonFactoryBuilder();
        if (configuration != null) {
            configuration.getFactorySettings().forEach(builder::configure);
        }
        return new StrictJsonFactory(builder);
    }

    @Singleton
    static class Configurer implements BeanCreatedEventListener<ObjectMapper> {
        @Override
        public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
            ObjectMapper mapper = event.getBean();
            mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            // Micronaut turns these on: a list is no single value, and a single value no list.
            mapper.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
            mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
            // Number, string and boolean targets refuse the other scalar shapes (and "" as null).
            mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
            // ALLOW_COERCION_OF_SCALARS does not cover text targets: a number or boolean is no string.
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.registerModule(new SimpleModule("memax-objects-only").setDeserializerModifier(new ObjectsOnly()));
            return mapper;
        }
    }

    /**
     * Objects are read from JSON objects only. Micronaut's introspection module would otherwise
     * try to build a record from a scalar ({@code 123} as a login body) and fail with an
     * {@code IllegalArgumentException} (a 500); here it is a type mismatch ({@code 400}).
     */
    static final class ObjectsOnly extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
            return deserializer instanceof BeanDeserializerBase ? new ObjectOnly(deserializer) : deserializer;
        }
    }

    static final class ObjectOnly extends DelegatingDeserializer {
        ObjectOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ObjectOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != null && token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, ctxt);
        }
    }
}
