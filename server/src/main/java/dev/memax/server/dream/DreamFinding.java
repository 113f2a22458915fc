package dev.memax.server.dream;

import java.util.List;
import java.util.UUID;

/**
 * What a dream phase's engine finds: the memories involved, how sure it is and why, in words
 * a user reads in the run's report. Applying (or, on a dry run, only reporting) is the run's job.
 */
public interface DreamFinding {
    List<UUID> memoryIds();

    /** In [0, 1]; higher is surer. */
    double score();

    String reason();
}
