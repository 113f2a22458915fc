package dev.memax.server.identity;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Hub slugs: lowercase letters, digits and single hyphens, 3-48 characters, unique. */
@Singleton
public class HubSlugs {
    public static final Pattern VALID = Pattern.compile("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,47}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HubRepository hubs;

    public HubSlugs(HubRepository hubs) {
        this.hubs = hubs;
    }

    /** A readable base derived from a name or email ("Ada's Team!" → "adas-team"). */
    public static String base(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT)
                .replaceAll("['’]", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.length() < 3 ? (slug + "-hub").replaceAll("^-", "") : slug;
    }

    /** The base itself when free, else the base with a short random suffix. */
    public String unique(String text) {
        String base = base(text);
        if (!hubs.slugTaken(base)) {
            return base;
        }
        String candidate;
        do {
            byte[] suffix = new byte[3];
            RANDOM.nextBytes(suffix);
            candidate = base + "-" + HexFormat.of().formatHex(suffix);
        } while (hubs.slugTaken(candidate));
        return candidate;
    }
}
