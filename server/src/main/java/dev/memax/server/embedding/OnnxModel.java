package dev.memax.server.embedding;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The in-process models: int8-quantised ONNX files inside LangChain4j's jars. Creating the first
 * instance of a model class loads its ONNX session (~0.8 s); later instances share it.
 */
public enum OnnxModel {
    /** BAAI bge-small-en-v1.5, CLS pooling; reads the first 510 tokens (512 with [CLS]/[SEP]). */
    BGE_SMALL("bge-small", "bge-small-en-v1.5-q", 384, 510, "bge-small-en-v1.5-q-tokenizer.json",
            BgeSmallEnV15QuantizedEmbeddingModel::new),
    /** sentence-transformers all-MiniLM-L6-v2, mean pooling; its tokenizer truncates at 128 (126 + [CLS]/[SEP]). */
    MINILM("minilm", "all-minilm-l6-v2-q", 384, 126, "all-minilm-l6-v2-q-tokenizer.json",
            AllMiniLmL6V2QuantizedEmbeddingModel::new);

    private final String providerName;
    private final String modelId;
    private final int dimensions;
    private final int maxTokens;
    private final String tokenizerResource;
    private final Function<Executor, AbstractInProcessEmbeddingModel> factory;

    OnnxModel(String providerName, String modelId, int dimensions, int maxTokens, String tokenizerResource,
              Function<Executor, AbstractInProcessEmbeddingModel> factory) {
        this.providerName = providerName;
        this.modelId = modelId;
        this.dimensions = dimensions;
        this.maxTokens = maxTokens;
        this.tokenizerResource = tokenizerResource;
        this.factory = factory;
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

    AbstractInProcessEmbeddingModel create(Executor executor) {
        return factory.apply(executor);
    }
}
