package dev.memax.server.embedding;

import java.sql.SQLException;
import org.postgresql.util.PGobject;

/** pgvector's text form of a vector, the one way every repository hands vectors to PostgreSQL. */
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
