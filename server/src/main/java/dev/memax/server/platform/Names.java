package dev.memax.server.platform;

import java.util.Arrays;
import java.util.List;

/** Name conversions between Java identifiers and the API's snake_case wire names. */
public final class Names {
    private Names() {}

    public static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The wire names of an enum's constants (their {@code toString()}, which every API enum spells as on the wire). */
    public static List<String> wire(Enum<?>[] values) {
        return Arrays.stream(values).map(Object::toString).toList();
    }
}
