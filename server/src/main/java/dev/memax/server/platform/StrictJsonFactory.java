package dev.memax.server.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The JSON factory of the application's {@code ObjectMapper} ({@link StrictJson}): every parser it
 * makes checks each string value and each key, at any depth, against {@link TextInput}'s rules
 * (no NUL, no lone surrogate) as it reads them, so no such text reaches a route, an MCP tool or the
 * database. A violation is an {@link InvalidText}, which {@link RequestErrors} answers as
 * {@code 422 validation_failed} naming the field by its JSON path.
 */
public class StrictJsonFactory extends JsonFactory {

    public StrictJsonFactory(JsonFactoryBuilder builder) {
        super(builder);
    }

    protected StrictJsonFactory(JsonFactory source, ObjectCodec codec) {
        super(source, codec);
    }

    @Override
    public JsonFactory copy() {
        return new StrictJsonFactory(this, null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
        return new Checked(super._createParser(in, ctxt));
    }

    @Override
    protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
        return new Checked(super._createParser(r, ctxt));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
            throws IOException {
        return new Checked(super._createParser(data, offset, len, ctxt, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        return new Checked(super._createParser(data, offset, len, ctxt));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
        return new Checked(super._createParser(input, ctxt));
    }

    @Override
    public JsonParser createNonBlockingByteArrayParser() throws IOException {
        return new Checked(super.createNonBlockingByteArrayParser());
    }

    @Override
    public JsonParser createNonBlockingByteBufferParser() throws IOException {
        return new Checked(super.createNonBlockingByteBufferParser());
    }

    /** A string or key {@link TextInput} refuses; {@code field} is its JSON path ({@code memories[2].tags[0]}). */
    public static final class InvalidText extends JsonParseException {
        private final String field;
        private final String reason;

        InvalidText(JsonParser parser, String field, String reason) {
            super(parser, field + " " + reason);
            this.field = field;
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * Every token passes through {@link #nextToken()}: the {@code next*} shortcuts databind uses
     * are re-expressed with it (the delegate's own would skip the check).
     */
    static final class Checked extends JsonParserDelegate {
        Checked(JsonParser delegate) {
            super(delegate);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            if (token == JsonToken.VALUE_STRING) {
                check(delegate.getText(), false);
            } else if (token == JsonToken.FIELD_NAME) {
                check(delegate.currentName(), true);
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
        }

        @Override
        public boolean nextFieldName(SerializableString name) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }

        private void check(String text, boolean key) throws IOException {
            String problem = TextInput.problem(text);
            if (problem != null) {
                throw new InvalidText(this, path(key ? printable(text) : null), key ? "(a key) " + problem : problem);
            }
        }

        /** The dotted path of the current value, e.g. {@code memories[0].metadata.note}. */
        private String path(String key) {
            Deque<String> parts = new ArrayDeque<>();
            for (JsonStreamContext c = delegate.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
                } else if (c.getCurrentName() != null) {
                    String name =
                            c == delegate.getParsingContext() && key != null ? key : printable(c.getCurrentName());
                    parts.push("." + name);
                }
            }
            String path = String.join("", parts);
            path = path.startsWith(".") ? path.substring(1) : path;
            return path.isEmpty() ? "body" : path;
        }

        private static String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
