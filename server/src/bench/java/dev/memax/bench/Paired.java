package dev.memax.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics of a paired comparison between two rankings of the same queries (docs/benchmarks.md,
 * "Comparing two settings"): per-query deltas B − A, a percentile bootstrap interval of their mean,
 * wins / losses / ties, and the sampling noise of one setting's mean.
 */
final class Paired {
    /** Bootstrap resamples and seed: fixed, so a run prints the same interval for the same scores. */
    static final int RESAMPLES = 10_000;

    static final long SEED = 20261205L;
    /** A per-query delta at most this far from 0 is a tie. */
    static final double TIE = 1e-9;

    private Paired() {}

    /** A closed interval. */
    record Interval(double low, double high) {
        double halfWidth() {
            return (high - low) / 2;
        }

        boolean contains(double x) {
            return x >= low && x <= high;
        }
    }

    /** One comparison: the means, the delta's 95 % interval, the sampling noise of A and the per-query counts. */
    record Result(
            int n,
            double meanA,
            double meanB,
            Interval deltaInterval,
            Interval aInterval,
            int wins,
            int losses,
            int ties) {
        double delta() {
            return meanB - meanA;
        }

        /** The noise the acceptance rule uses: half-width of the 95 % bootstrap interval of A's mean. */
        double noise() {
            return aInterval.halfWidth();
        }

        /** B is worse: the whole 95 % interval of the mean delta is below 0. */
        boolean worse() {
            return deltaInterval.high() < 0;
        }

        /** B is better: the whole 95 % interval of the mean delta is above 0. */
        boolean better() {
            return deltaInterval.low() > 0;
        }
    }

    static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    /**
     * 95 % percentile-bootstrap interval of the mean: {@code resamples} means of n values drawn with
     * replacement (seeded), sorted; the interval runs from the one with 2.5 % of the means below it to the
     * one with 2.5 % above it (for 10,000: the 251st and the 9,750th smallest). NaN for no values.
     */
    static Interval bootstrapMean(double[] values, int resamples, long seed) {
        int n = values.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        int tail = (int) Math.floor(0.025 * resamples);
        return new Interval(means[tail], means[resamples - 1 - tail]);
    }

    static Interval bootstrapMean(double[] values) {
        return bootstrapMean(values, RESAMPLES, SEED);
    }

    /** Compares per-query scores {@code a} and {@code b} (same queries, same order). */
    static Result compare(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Paired scores need the same queries: " + a.length + " vs " + b.length);
        }
        double[] deltas = new double[a.length];
        int wins = 0;
        int losses = 0;
        int ties = 0;
        for (int i = 0; i < a.length; i++) {
            deltas[i] = b[i] - a[i];
            if (deltas[i] > TIE) {
                wins++;
            } else if (deltas[i] < -TIE) {
                losses++;
            } else {
                ties++;
            }
        }
        return new Result(a.length, mean(a), mean(b), bootstrapMean(deltas), bootstrapMean(a), wins, losses, ties);
    }
}
