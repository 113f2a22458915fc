package dev.memax.server.recall;

import dev.memax.server.job.RecurringJob;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the full-text statistics changes that chunk writes append ({@code hub_text_changes}, by
 * trigger) into the per-hub tables BM25 reads. Readers add the unfolded rows themselves, so the
 * pace only bounds how many change rows a recall sums ({@code memax.recall.text-stats-fold-interval},
 * default 5 s; env {@code MEMAX_RECALL_TEXT_STATS_FOLD_INTERVAL}).
 */
@Singleton
public class TextStatsFoldJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(TextStatsFoldJob.class);
    private final RecallRepository repository;
    private final Duration interval;

    public TextStatsFoldJob(
            RecallRepository repository, @Value("${memax.recall.text-stats-fold-interval:5s}") Duration interval) {
        this.repository = repository;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "fold-text-stats";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void run() {
        long folded = repository.foldTextChanges();
        if (folded > 10_000) {
            LOG.info("Folded {} full-text statistics changes", folded);
        }
    }
}
