package dev.memax.server.recall;

import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.embedding.Vectors;
import dev.memax.server.memory.MemoryFilter;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.platform.Now;
import io.micronaut.context.ApplicationContext;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bench-only access to recall's internals for tuning: the candidates of a query are fetched from
 * the database once, exactly as recall fetches them (vector top-K and BM25 top-K, both signals
 * for their union), then any
 * number of fusion settings re-rank them in memory with the server's own {@link RecallRanker}.
 * What a setting ranks here is exactly what {@code POST /v1/recall} would answer with it
 * (before the access counts the benchmark itself adds).
 */
public final class RecallTuning {
    private final RecallService service;
    private final EmbeddingProvider embeddings;
    private final RecallSettings defaults;

    public RecallTuning(ApplicationContext context) {
        this.service = context.getBean(RecallService.class);
        this.embeddings = context.getBean(EmbeddingProvider.class);
        this.defaults = context.getBean(RecallSettings.class);
    }

    public RecallSettings defaults() {
        return defaults;
    }

    /** One query's candidates and scores. */
    public record Collected(
            Map<UUID, Integer> vectorRanks,
            Map<UUID, Integer> keywordRanks,
            List<RecallRepository.Scored> scored,
            Map<UUID, RecallContext.Context> contexts,
            List<QueryDates.Period> periods,
            Instant now) {}

    public Collected collect(List<UUID> hubIds, String query) {
        return collect(hubIds, query, defaults.bm25K1(), defaults.bm25B());
    }

    /**
     * {@link #collect(List, String)} with the candidate count and BM25 parameters of {@code settings} (the
     * knobs that decide which candidates there are; everything else re-ranks them).
     */
    public Collected collect(List<UUID> hubIds, String query, RecallSettings settings) {
        return collect(
                hubIds,
                settings.queryText(query.strip()),
                query,
                settings.candidates(),
                settings.bm25K1(),
                settings.bm25B(),
                settings.sessionExpansion());
    }

    /** Whether {@code a} and {@code b} fetch the same candidates ({@link #collect(List, String, RecallSettings)}). */
    public static boolean sameCandidates(RecallSettings a, RecallSettings b) {
        return a.candidates() == b.candidates()
                && a.bm25K1() == b.bm25K1()
                && a.bm25B() == b.bm25B()
                && a.queryText("").equals(b.queryText(""))
                && a.sessionExpansion() == b.sessionExpansion();
    }

    /** {@link #collect(List, String)} with other BM25 parameters. */
    public Collected collect(List<UUID> hubIds, String query, double k1, double b) {
        return collect(
                hubIds,
                defaults.queryText(query.strip()),
                query,
                defaults.candidates(),
                k1,
                b,
                defaults.sessionExpansion());
    }

    private Collected collect(
            List<UUID> hubIds, String embedded, String query, int candidateCount, double k1, double b, boolean expand) {
        Instant now = Now.instant();
        MemoryFilter filters = new MemoryFilter(
                hubIds, List.of(MemoryState.ACTIVE), false, now, null, null, null, null, null, null, null);
        float[] vector = embeddings.embedQuery(embedded);
        RecallService.Candidates candidates =
                service.candidates(RecallMode.HYBRID, filters, query.strip(), vector, candidateCount, k1, b, expand);
        return new Collected(
                candidates.vectorRanks(),
                candidates.keywordRanks(),
                candidates.scored(),
                candidates.contexts(),
                candidates.periods(),
                now);
    }

    /** Memory ids, best first, as recall would rank them with these settings. */
    public static List<UUID> rank(Collected collected, RecallSettings settings, RecallMode mode, int limit) {
        List<RecallRanker.Ranked> ranked = new RecallRanker(settings)
                .rank(
                        mode,
                        collected.scored(),
                        collected.vectorRanks(),
                        collected.keywordRanks(),
                        collected.contexts(),
                        collected.periods(),
                        collected.now(),
                        null);
        List<UUID> out = new ArrayList<>();
        for (RecallRanker.Ranked r : ranked) {
            if (out.size() == limit) {
                break;
            }
            if (r.score() > 0) {
                out.add(r.memoryId());
            }
        }
        return out;
    }

    /**
     * {@code base} with the knobs named in {@code spec} replaced: {@code "key=value,key=value"}, each key a
     * {@code memax.recall.*} name in kebab-case ({@code semantic-weight=0.7,session-context-weight=0}; the
     * {@code memax.recall.} prefix may be given). Built from the record's components, so a knob added to
     * {@link RecallSettings} later can be set here without editing this class. Blank: {@code base} itself.
     *
     * @throws IllegalArgumentException for an unknown key (the message lists the known ones), a malformed
     *                                  pair or a value of the wrong type
     */
    public static RecallSettings with(RecallSettings base, String spec) {
        return with(base, parseOverrides(spec));
    }

    /** {@link #with(RecallSettings, String)} with the pairs already split (kebab-case key → value). */
    public static RecallSettings with(RecallSettings base, Map<String, String> overrides) {
        RecordComponent[] components = RecallSettings.class.getRecordComponents();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            index.put(kebab(components[i].getName()), i);
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(base);
                types[i] = components[i].getType();
            }
            for (Map.Entry<String, String> override : overrides.entrySet()) {
                String key = override.getKey().strip();
                if (key.startsWith("memax.recall.")) {
                    key = key.substring("memax.recall.".length());
                }
                Integer i = index.get(key);
                if (i == null) {
                    throw new IllegalArgumentException("Unknown recall setting '" + override.getKey()
                            + "'; known (memax.recall.*): " + String.join(", ", index.keySet()));
                }
                values[i] = parse(key, types[i], override.getValue().strip());
            }
            return RecallSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot copy RecallSettings", e);
        }
    }

    /**
     * The settings as declared ({@code @Bindable(defaultValue)} of each component), without a server: what the
     * server runs with when no {@code memax.recall.*} property is set. For tests.
     */
    public static RecallSettings declaredDefaults() {
        RecordComponent[] components = RecallSettings.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            java.lang.reflect.Constructor<RecallSettings> constructor =
                    RecallSettings.class.getDeclaredConstructor(types);
            java.lang.annotation.Annotation[][] parameters = constructor.getParameterAnnotations();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                io.micronaut.core.bind.annotation.Bindable bindable =
                        components[i].getAnnotation(io.micronaut.core.bind.annotation.Bindable.class);
                for (java.lang.annotation.Annotation annotation : parameters[i]) {
                    if (bindable == null && annotation instanceof io.micronaut.core.bind.annotation.Bindable b) {
                        bindable = b;
                    }
                }
                // A text knob may declare an empty default (queryInstruction: none).
                if (bindable == null || (bindable.defaultValue().isEmpty() && types[i] != String.class)) {
                    throw new IllegalStateException(
                            "RecallSettings." + components[i].getName() + " declares no default");
                }
                values[i] = parse(kebab(components[i].getName()), types[i], bindable.defaultValue());
            }
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build RecallSettings", e);
        }
    }

    /** {@code "a=1,b=2"} → {a=1, b=2} in order; blank → empty. */
    public static Map<String, String> parseOverrides(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("Expected key=value in recall settings, got '" + pair.strip() + "'");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    /** The knobs where {@code b} differs from {@code a}, as {@code key=value} pairs (kebab-case), or "(same)". */
    public static String difference(RecallSettings a, RecallSettings b) {
        List<String> out = differing(a, b, (key, va, vb) -> key + "=" + vb);
        return out.isEmpty() ? "(same)" : String.join(",", out);
    }

    /** The knobs where {@code b} differs from {@code a}: {@code key a → b, …}, or "(same)". */
    public static String changes(RecallSettings a, RecallSettings b) {
        List<String> out = differing(a, b, (key, va, vb) -> key + " " + va + " → " + vb);
        return out.isEmpty() ? "(same)" : String.join(", ", out);
    }

    private interface Difference {
        String describe(String key, Object a, Object b);
    }

    /** Each knob (kebab-case) where the two settings differ, described by {@code describe}. */
    private static List<String> differing(RecallSettings a, RecallSettings b, Difference describe) {
        List<String> out = new ArrayList<>();
        try {
            for (RecordComponent component : RecallSettings.class.getRecordComponents()) {
                Object va = component.getAccessor().invoke(a);
                Object vb = component.getAccessor().invoke(b);
                if (!java.util.Objects.equals(va, vb)) {
                    out.add(describe.describe(kebab(component.getName()), va, vb));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The value of the knob named {@code key} (kebab-case) in {@code settings}, or null when there is no such knob. */
    public static Object value(RecallSettings settings, String key) {
        try {
            for (RecordComponent component : RecallSettings.class.getRecordComponents()) {
                if (kebab(component.getName()).equals(key)) {
                    return component.getAccessor().invoke(settings);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    /** {@code sessionContextWeight} → {@code session-context-weight}; {@code bm25K1} → {@code bm25-k1}. */
    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Object parse(String key, Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(value);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(value);
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(value);
            }
            if (type == float.class || type == Float.class) {
                return Float.parseFloat(value);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not true/false");
                }
                return Boolean.parseBoolean(value);
            }
            if (type == String.class) {
                return value;
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(value.replace('-', '_'))) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("not one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
            if (java.time.Duration.class == type) {
                return java.time.Duration.parse(value);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Recall setting '" + key + "' wants a " + type.getSimpleName() + ", got '" + value + "' ("
                            + e.getMessage() + ")",
                    e);
        }
        throw new IllegalArgumentException("Recall setting '" + key + "' has a type (" + type.getName()
                + ") the bench cannot parse yet: add it to RecallTuning.parse");
    }

    /** pgvector's text form of a vector. */
    public static String literal(float[] vector) {
        return Vectors.literal(vector);
    }
}
