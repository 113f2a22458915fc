package dev.memax.server.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * The in-process models: int8-quantised ONNX files inside LangChain4j's jars. Loading one
 * (~0.8 s) creates our own ONNX session, not LangChain4j's default one, for its thread settings
 * (see {@link #create}).
 */
public enum OnnxModel {
    /** BAAI bge-small-en-v1.5, CLS pooling; reads the first 510 tokens (512 with [CLS]/[SEP]). */
    BGE_SMALL(
            "bge-small",
            "bge-small-en-v1.5-q",
            384,
            510,
            "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json",
            PoolingMode.CLS),
    /** sentence-transformers all-MiniLM-L6-v2, mean pooling; its tokenizer truncates at 128 (126 + [CLS]/[SEP]). */
    MINILM(
            "minilm",
            "all-minilm-l6-v2-q",
            384,
            126,
            "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json",
            PoolingMode.MEAN);

    private final String providerName;
    private final String modelId;
    private final int dimensions;
    private final int maxTokens;
    private final String modelResource;
    private final String tokenizerResource;
    private final PoolingMode pooling;

    OnnxModel(
            String providerName,
            String modelId,
            int dimensions,
            int maxTokens,
            String modelResource,
            String tokenizerResource,
            PoolingMode pooling) {
        this.providerName = providerName;
        this.modelId = modelId;
        this.dimensions = dimensions;
        this.maxTokens = maxTokens;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.pooling = pooling;
    }

    /** The {@code MEMAX_EMBEDDING_PROVIDER} value selecting it. */
    public String providerName() {
        return providerName;
    }

    public String modelId() {
        return modelId;
    }

    public int dimensions() {
        return dimensions;
    }

    public int maxTokens() {
        return maxTokens;
    }

    String tokenizerResource() {
        return tokenizerResource;
    }

    /**
     * A new session of the model; {@code embedAll} spreads texts over {@code executor}, one text per
     * ONNX run. ONNX Runtime's defaults (a pool of one thread per core inside each run, spinning
     * while it waits for work) suit one run on an idle machine; here runs overlap (the workers of a
     * batch, concurrent requests) and share the cores with PostgreSQL and the HTTP threads: on 2
     * cores the spinning threads cost ~1.7x the CPU per text (22 vs 13 ms for a two-sentence text)
     * and a run stalled whenever one of its threads was descheduled. So each run computes on its
     * own thread only, never spins, and parallelism comes from the runs (a second intra-op thread
     * saved no latency there, even for a single text). The vectors are the same as LangChain4j's.
     */
    AbstractInProcessEmbeddingModel create(Executor executor) throws IOException, OrtException {
        ClassLoader loader = OnnxModel.class.getClassLoader();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (InputStream onnx = resource(loader, modelResource);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            session = environment.createSession(onnx.readAllBytes(), options);
        }
        OnnxBertBiEncoder encoder;
        try (InputStream tokenizer = resource(loader, tokenizerResource)) {
            encoder = new OnnxBertBiEncoder(environment, session, tokenizer, pooling);
        }
        int dims = dimensions;
        return new AbstractInProcessEmbeddingModel(executor) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }

            @Override
            protected Integer knownDimension() {
                return dims;
            }
        };
    }

    private static InputStream resource(ClassLoader loader, String name) {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath");
        }
        return in;
    }
}
