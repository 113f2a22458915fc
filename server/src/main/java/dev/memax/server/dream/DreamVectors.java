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

    /** The vector scaled to length 1 (a copy), or null when it is missing or zero. */
    static float[] unit(float[] vector) {
        if (vector == null) {
            return null;
        }
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        if (norm == 0) {
            return null;
        }
        float[] out = new float[vector.length];
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] * scale;
        }
        return out;
    }

    /**
     * The dot product, which is the cosine of two {@link #unit} vectors: the pairwise phases' inner
     * loop, so four independent sums let the JIT pipeline it. 0 when either is missing or the sizes
     * differ.
     */
    static double dot(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return 0;
        }
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (double) s0 + s1 + s2 + s3;
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
