package dev.memax.server.dream;

import dev.memax.server.memory.MemoryState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Phase 5: organise the memories that sit in no topic (docs/architecture.md §5, "Dream phases").
 * Each one close enough to an existing topic's centroid joins that topic; the rest are clustered on
 * their vectors (average linkage on cosine, cut at {@link Settings#clusterSimilarity()}) and a
 * cluster big enough joins the topic its centroid is close to, or the existing topic named as its
 * label or its label's first term, or else becomes a new topic named by {@link TopicLabeler}. Only
 * memories in no topic are looked at and nothing is ever taken out of a topic, so a topic a user
 * placed a memory in is never undone.
 * Deterministic: the same memories and topics give the same proposals.
 */
public final class TopicClusterer {
    /**
     * @param assignSimilarity  least cosine to a topic's centroid to join it
     * @param clusterSimilarity least average cosine between two groups to merge them into one cluster
     * @param minClusterSize    least members of a new topic
     * @param maxMemories       most unassigned memories clustered in one run (the oldest first: the
     *                          work is quadratic; the rest wait for the next run)
     */
    public record Settings(double assignSimilarity, double clusterSimilarity, int minClusterSize, int maxMemories) {
        public static Settings defaults() {
            return new Settings(0.75, 0.6, 3, 2000);
        }
    }

    /** An existing topic: its name and the vectors of the memories in it. */
    public record Topic(UUID id, String name, List<float[]> memberVectors) {}

    public sealed interface Proposal extends DreamFinding permits Assign, NewTopic {}

    /** Put a memory into an existing topic; {@code score} is the placement's confidence. */
    public record Assign(UUID memoryId, UUID topicId, String topicName, double score, String reason)
            implements Proposal {
        @Override
        public List<UUID> memoryIds() {
            return List.of(memoryId);
        }
    }

    /** Create a topic holding {@code memoryIds}; {@code score} is their mean cosine to its centroid. */
    public record NewTopic(String name, List<String> terms, List<UUID> memoryIds, double score, String reason)
            implements Proposal {}

    private record Centroid(Topic topic, float[] vector) {}

    /** Names a new topic: {@link TopicLabeler}, or a model falling back to it. */
    @FunctionalInterface
    public interface Naming {
        /**
         * @param cluster the memories the topic will hold
         * @param hub     the hub's memories
         */
        TopicLabeler.Label label(List<DreamMemory> cluster, List<DreamMemory> hub);
    }

    private final Settings settings;
    private final Naming labeler;

    public TopicClusterer(Settings settings, Naming labeler) {
        this.settings = settings;
        this.labeler = labeler;
    }

    /**
     * @param memories the hub's memories (all of them: those in topics are the labels' background)
     * @param topics   the hub's existing topics
     */
    public List<Proposal> propose(List<DreamMemory> memories, List<Topic> topics) {
        List<Topic> sorted =
                topics.stream().sorted(Comparator.comparing(Topic::id)).toList();
        List<Centroid> centroids = sorted.stream()
                .map(t -> new Centroid(t, DreamVectors.centroid(t.memberVectors())))
                .filter(c -> c.vector() != null)
                .toList();
        List<DreamMemory> unassigned = memories.stream()
                .filter(m -> m.state() == MemoryState.ACTIVE
                        && m.vector() != null
                        && m.topicIds().isEmpty()
                        && m.userPlaced().isEmpty())
                .sorted(Comparator.comparing(DreamMemory::createdAt).thenComparing(DreamMemory::id))
                .limit(settings.maxMemories())
                .toList();
        List<Proposal> out = new ArrayList<>();
        List<DreamMemory> rest = new ArrayList<>();
        for (DreamMemory memory : unassigned) {
            Match match = nearest(memory.vector(), centroids);
            if (match != null && match.similarity() >= settings.assignSimilarity()) {
                out.add(assign(memory, match, "close to the topic's memories"));
            } else {
                rest.add(memory);
            }
        }
        for (List<DreamMemory> cluster : clusters(rest)) {
            if (cluster.size() < settings.minClusterSize()) {
                continue;
            }
            float[] centre = DreamVectors.centroid(
                    cluster.stream().map(DreamMemory::vector).toList());
            double cohesion = cluster.stream()
                    .mapToDouble(m -> DreamVectors.cosine(m.vector(), centre))
                    .average()
                    .orElse(0);
            Match match = nearest(centre, centroids);
            if (match != null && match.similarity() >= settings.assignSimilarity()) {
                String why = "one of " + cluster.size() + " similar memories close to the topic's memories";
                cluster.forEach(m -> out.add(assign(m, match, why)));
                continue;
            }
            TopicLabeler.Label label = labeler.label(cluster, memories);
            Topic named =
                    sorted.stream().filter(t -> names(t, label)).findFirst().orElse(null);
            if (named != null) {
                Match byName = new Match(new Centroid(named, null), cohesion);
                String why = "one of " + cluster.size() + " similar memories about \"" + label.name() + "\"";
                cluster.forEach(m -> out.add(assign(m, byName, why)));
                continue;
            }
            out.add(new NewTopic(
                    label.name(),
                    label.terms(),
                    cluster.stream().map(DreamMemory::id).toList(),
                    cohesion,
                    String.format(
                            Locale.ROOT,
                            "%d memories in no topic with a common subject (mean similarity %.2f), %sdistinctive terms: %s",
                            cluster.size(),
                            cohesion,
                            label.model() == null ? "" : "named by the model " + label.model() + ", ",
                            String.join(", ", label.terms()))));
        }
        return out;
    }

    private record Match(Centroid centroid, double similarity) {}

    private static Match nearest(float[] vector, List<Centroid> centroids) {
        Match best = null;
        for (Centroid centroid : centroids) {
            double similarity = DreamVectors.cosine(vector, centroid.vector());
            if (best == null || similarity > best.similarity()) {
                best = new Match(centroid, similarity);
            }
        }
        return best;
    }

    /** A topic named as the label, or as its most distinctive term ("Billing" for "Billing, invoices"). */
    private static boolean names(Topic topic, TopicLabeler.Label label) {
        String name = topic.name() == null ? "" : topic.name().strip();
        return name.equalsIgnoreCase(label.name())
                || (!label.terms().isEmpty()
                        && name.equalsIgnoreCase(label.terms().get(0)));
    }

    private static Assign assign(DreamMemory memory, Match match, String why) {
        Topic topic = match.centroid().topic();
        return new Assign(
                memory.id(),
                topic.id(),
                topic.name(),
                match.similarity(),
                String.format(
                        Locale.ROOT,
                        "in no topic; %s \"%s\" (similarity %.2f)",
                        why,
                        topic.name(),
                        match.similarity()));
    }

    /**
     * Average-linkage clusters of the memories cut at the cluster similarity, each in input order,
     * ordered by their first member. Built with the nearest-neighbour chain (exact for average
     * linkage, quadratic time and memory). Average linkage never merges closer than a merge below it,
     * so the merges within the cut, joined in any order, are the dendrogram cut there.
     */
    private List<List<DreamMemory>> clusters(List<DreamMemory> memories) {
        int n = memories.size();
        float[][] units =
                memories.stream().map(m -> DreamVectors.unit(m.vector())).toArray(float[][]::new);
        float[][] distance = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float d = (float) (1 - DreamVectors.dot(units[i], units[j]));
                distance[i][j] = d;
                distance[j][i] = d;
            }
        }
        int[] size = new int[n];
        boolean[] active = new boolean[n];
        Arrays.fill(size, 1);
        Arrays.fill(active, true);
        List<Merge> merges = new ArrayList<>();
        int[] chain = new int[n];
        int top = 0;
        for (int remaining = n; remaining > 1; ) {
            if (top == 0) {
                chain[top++] = firstActive(active);
            }
            int a = chain[top - 1];
            int previous = top > 1 ? chain[top - 2] : -1;
            int best = previous;
            float bestDistance = previous >= 0 ? distance[a][previous] : Float.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                if (active[k] && k != a && distance[a][k] < bestDistance) {
                    best = k;
                    bestDistance = distance[a][k];
                }
            }
            if (best != previous) {
                chain[top++] = best;
                continue;
            }
            top -= 2;
            int keep = Math.min(a, best);
            int drop = Math.max(a, best);
            merges.add(new Merge(keep, drop, bestDistance));
            for (int k = 0; k < n; k++) {
                if (active[k] && k != keep && k != drop) {
                    float d = (size[keep] * distance[keep][k] + size[drop] * distance[drop][k])
                            / (size[keep] + size[drop]);
                    distance[keep][k] = d;
                    distance[k][keep] = d;
                }
            }
            size[keep] += size[drop];
            active[drop] = false;
            remaining--;
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        double cut = 1 - settings.clusterSimilarity();
        merges.stream().filter(m -> m.distance() <= cut).forEach(m -> union(parent, m.keep(), m.drop()));
        Map<Integer, List<DreamMemory>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(memories.get(i));
        }
        return new ArrayList<>(groups.values());
    }

    private record Merge(int keep, int drop, float distance) {}

    private static int firstActive(boolean[] active) {
        for (int i = 0; i < active.length; i++) {
            if (active[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no active cluster");
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
