package dev.memax.server.dream;

import java.util.List;

/** Cosine similarity and centroids of the memories' vectors, as every vector-based phase needs them. */
final class DreamVectors {
    private DreamVectors() {}

    /** Cosine of two vectors; 0 when either is missing or they come from models of different sizes. */
    static double cosine(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length || a.length == 0) {
            return 0;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The unit mean of the vectors of the first one's size (others skipped), or null when there is none. */
    static float[] centroid(List<float[]> vectors) {
        float[] sum = null;
        for (float[] vector : vectors) {
            if (vector == null || (sum != null && vector.length != sum.length)) {
                continue;
            }
            if (sum == null) {
                sum = new float[vector.length];
            }
            for (int i = 0; i < vector.length; i++) {
                sum[i] += vector[i];
            }
        }
        if (sum == null) {
            return null;
        }
        double norm = 0;
        for (float v : sum) {
            norm += (double) v * v;
        }
        if (norm == 0) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= scale;
        }
        return sum;
    }
}
