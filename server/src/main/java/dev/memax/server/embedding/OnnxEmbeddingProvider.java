package dev.memax.server.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process ONNX model (see {@link OnnxModel}). Loading takes about a second of CPU, so it
 * runs in the background once the server listens (off the path to readiness, not competing with
 * startup for the cores) and the first embed waits for it. A batch is spread over {@code threads} workers (one text per ONNX
 * run, LangChain4j's model), a single text runs on the caller's thread.
 *
 * <p>Texts longer than {@link #maxTokens()} are not split here: the model reads only their
 * beginning. Callers chunk first, measuring with {@link #countTokens(String)}.
 */
public final class OnnxEmbeddingProvider implements EmbeddingProvider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxEmbeddingProvider.class);
    private static final long CLOSE_WAIT_SECONDS = 30;
    private final OnnxModel model;
    private final ExecutorService workers;
    /** The token counter: ready in ~0.1 s, before the ONNX session. */
    private final CompletableFuture<WordPieceCounter> counter = new CompletableFuture<>();

    private final CompletableFuture<AbstractInProcessEmbeddingModel> loaded = new CompletableFuture<>();
    private final AtomicBoolean loadStarted = new AtomicBoolean();
    private final String djlCacheDir;

    public OnnxEmbeddingProvider(OnnxModel model, int threads, String djlCacheDir) {
        this.model = model;
        this.djlCacheDir = djlCacheDir;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "embedding-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts loading the model in a background thread (once; later calls return at once). The
     * server calls it as soon as it listens ({@link EmbeddingStartup}); any embed before then
     * starts it itself and waits.
     */
    @Override
    public void startLoading() {
        if (!loadStarted.compareAndSet(false, true)) {
            return;
        }
        ClassLoader loader = OnnxEmbeddingProvider.class.getClassLoader();
        Thread loading = new Thread(() -> load(loader), "embedding-model-load");
        loading.setDaemon(true);
        loading.setContextClassLoader(loader);
        loading.start();
    }

    private void load(ClassLoader loader) {
        long started = System.nanoTime();
        try {
            DjlCache.configure(djlCacheDir);
            try (InputStream json = loader.getResourceAsStream(model.tokenizerResource())) {
                if (json == null) {
                    throw new IllegalStateException(model.tokenizerResource() + " is not on the classpath");
                }
                // The model's own vocabulary, counting everything: no truncation, no [CLS]/[SEP],
                // so the count compares directly with maxTokens.
                counter.complete(WordPieceCounter.fromTokenizerJson(json));
            }
        } catch (Throwable e) {
            LOG.error("Tokenizer of {} failed to load", model.modelId(), e);
            counter.completeExceptionally(e);
            loaded.completeExceptionally(e);
            return;
        }
        try {
            AbstractInProcessEmbeddingModel instance = model.create(workers);
            instance.embed("warm up"); // the first run allocates ONNX Runtime's arenas
            loaded.complete(instance);
            LOG.info("Embedding model {} loaded in {} ms", model.modelId(), (System.nanoTime() - started) / 1_000_000);
        } catch (Throwable e) {
            LOG.error("Embedding model {} failed to load", model.modelId(), e);
            loaded.completeExceptionally(e);
        }
    }

    /** Whether the model has finished loading (successfully). */
    @Override
    public boolean isReady() {
        return loaded.isDone() && !loaded.isCompletedExceptionally();
    }

    /** Blocks until the model is loaded (or fails), at most {@code timeoutMs}; true when usable. */
    @Override
    public boolean awaitReady(long timeoutMs) {
        startLoading();
        try {
            loaded.get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        startLoading();
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while the embedding model loads", e);
        } catch (ExecutionException e) {
            throw new EmbeddingException(
                    "embedding model " + model.modelId() + " failed to load: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public int dimensions() {
        return model.dimensions();
    }

    @Override
    public int maxTokens() {
        return model.maxTokens();
    }

    public OnnxModel model() {
        return model;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(requireText(text)));
        }
        List<Embedding> embeddings = await(loaded).embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(embedding.vector());
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        // bge's "Represent this sentence for searching relevant passages: " instruction lowered
        // SciFact nDCG@10 here (0.703 vs 0.710), so queries embed like documents.
        return await(loaded).embed(requireText(query)).content().vector();
    }

    @Override
    public int countTokens(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return await(counter).count(text);
    }

    private static String requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("cannot embed empty or blank text");
        }
        return text;
    }

    /**
     * Waits (bounded) for a model load and for ONNX runs in progress before returning: ONNX Runtime
     * frees its native environment in its own JVM shutdown hook, and a load or run still going
     * then crashes the JVM (SIGSEGV in createSession), which failed test forks at exit.
     */
    @Override
    public void close() {
        if (loadStarted.get()) {
            try {
                loaded.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn(
                        "Closing while the embedding model {} did not finish loading: {}",
                        model.modelId(),
                        e.toString());
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
