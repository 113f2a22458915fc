package dev.memax.server.auth;

import dev.memax.server.identity.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Lets controllers declare a {@link Caller} parameter; present on every authenticated route. */
@Singleton
public class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Optional<Caller> caller = AuthenticationFilter.callerOf(source);
        if (caller.isEmpty()) {
            throw AuthenticationFilter.unauthorized(null, "Authentication required");
        }
        return () -> caller;
    }
}
