package dev.memax.sdk.params;

/**
 * The fields a hub's body sets, shared by the builders of {@link HubCreateParams} (creating a
 * hub) and {@link HubUpdateParams} (changing one): the two bodies carry the same fields, and
 * differ only in what {@code build()} requires.
 *
 * @param <B> the builder itself, so that calls chain
 */
public abstract sealed class HubParamsBuilder<B extends HubParamsBuilder<B>>
        permits HubCreateParams.Builder, HubUpdateParams.Builder {
    String name;
    String slug;
    String description;
    String timeZone;

    HubParamsBuilder() {}

    /** 1-100 characters. */
    public B name(String name) {
        this.name = name;
        return self();
    }

    /** 3-48 of {@code [a-z0-9-]}, unique among hubs. */
    public B slug(String slug) {
        this.slug = slug;
        return self();
    }

    /** At most 1000 characters. */
    public B description(String description) {
        this.description = description;
        return self();
    }

    /**
     * An IANA time zone id such as {@code Europe/Paris}: the hub's nightly dream runs at the
     * nightly hour of its local day. Anything else is refused ({@code invalid_time_zone}).
     */
    public B timeZone(String timeZone) {
        this.timeZone = timeZone;
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
