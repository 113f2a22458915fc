package dev.memax.server.recall;

/** How recall ranks: both signals fused (default), vectors only, or full text only. */
public enum RecallMode {
    HYBRID,
    SEMANTIC,
    KEYWORD;

    public boolean usesVectors() {
        return this != KEYWORD;
    }

    public boolean usesKeywords() {
        return this != SEMANTIC;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
