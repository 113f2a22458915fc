package dev.memax.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of latencies in milliseconds. */
final class Stats {
    private final double[] sorted;

    Stats(List<Double> values) {
        this.sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    int count() {
        return sorted.length;
    }

    String summary() {
        return String.format(
                "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (n=%d)",
                percentile(50), percentile(95), percentile(99), count());
    }
}
