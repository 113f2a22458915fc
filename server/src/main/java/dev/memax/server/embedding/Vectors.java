package dev.memax.server.embedding;

import java.sql.SQLException;
import org.postgresql.util.PGobject;

/** pgvector's text form of a vector, the one way every repository hands vectors to PostgreSQL and reads them back. */
public final class Vectors {
    private Vectors() {}

    /** {@code [0.1,0.2,…]}, for a {@code ?::vector} parameter. */
    public static String literal(float[] vector) {
        StringBuilder out = new StringBuilder(vector.length * 11 + 2).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(vector[i]);
        }
        return out.append(']').toString();
    }

    /** The vector a {@code vector::text} column holds; null stays null. */
    public static float[] parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i]);
        }
        return vector;
    }

    /** A JDBC parameter of type {@code vector}; null stays SQL NULL. */
    public static PGobject parameter(float[] vector) throws SQLException {
        PGobject object = new PGobject();
        object.setType("vector");
        if (vector != null) {
            object.setValue(literal(vector));
        }
        return object;
    }
}
