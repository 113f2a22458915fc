package dev.memax.sdk;

/** Wire JSON of the identity objects, as the identity spec defines them. */
final class Fixtures {
    static final String USER_ID = "0190f1a2-0000-7000-8000-000000000001";
    static final String HUB_ID = "0190f1a2-0000-7000-8000-0000000000a1";
    static final String TEAM_HUB_ID = "0190f1a2-0000-7000-8000-0000000000a2";
    static final String OTHER_USER_ID = "0190f1a2-0000-7000-8000-000000000002";
    static final String KEY_ID = "0190f1a2-0000-7000-8000-0000000000b1";
    static final String INVITE_ID = "0190f1a2-0000-7000-8000-0000000000c1";

    static final String USER = """
            {"id":"%s","email":"ada@example.com","name":"Ada","is_admin":false,"plan":"free",
             "personal_hub_id":"%s","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05.123Z"}
            """.formatted(USER_ID, HUB_ID);

    static final String TOKENS = """
            {"access_token":"eyJhbGciOiJFUzI1NiJ9.e30.sig","token_type":"Bearer","expires_in":3600,
             "expires_at":"2026-01-02T04:04:05Z","refresh_token":"mxr_%s","refresh_expires_at":"2026-02-01T03:04:05Z"}
            """.formatted("ab".repeat(32));

    static final String TEAM_HUB = """
            {"id":"%s","name":"Research","slug":"research","hub_type":"team","owner_id":"%s",
             "description":"Papers","time_zone":"Europe/Paris","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}
            """.formatted(TEAM_HUB_ID, USER_ID);

    static final String PERSONAL_HUB_ENTRY = """
            {"hub":{"id":"%s","name":"Ada","slug":"ada","hub_type":"personal","owner_id":"%s","description":null,
             "created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"},"role":"owner","memory_count":0}
            """.formatted(HUB_ID, USER_ID);

    static final String TEAM_HUB_ENTRY = "{\"hub\":" + TEAM_HUB + ",\"role\":\"owner\",\"memory_count\":3}";

    static final String API_KEY = """
            {"id":"%s","name":"ci","prefix":"mxk_1a2b","scopes":["memax:read","memax:write"],"hub_ids":null,
             "agent_name":null,"expires_at":null,"last_used_at":null,
             "created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}
            """.formatted(KEY_ID);

    static final String MEMBER = """
            {"user_id":"%s","email":"bob@example.com","name":"Bob","role":"contributor","joined_at":"2026-01-03T00:00:00Z"}
            """.formatted(OTHER_USER_ID);

    static final String INVITE = """
            {"id":"%s","hub_id":"%s","email":null,"role":"viewer","status":"pending","expires_at":"2026-01-09T00:00:00Z",
             "created_at":"2026-01-02T00:00:00Z","created_by":"%s","accepted_by":null,"accepted_at":null,
             "token":"mxi_%s","url":"http://127.0.0.1:8080/v1/invites/mxi_%s"}
            """.formatted(INVITE_ID, TEAM_HUB_ID, USER_ID, "cd".repeat(32), "cd".repeat(32));

    static final String TRANSFER = """
            {"hub_id":"%s","from_user_id":"%s","to_user_id":"%s","created_at":"2026-01-04T00:00:00Z"}
            """.formatted(TEAM_HUB_ID, USER_ID, OTHER_USER_ID);

    private Fixtures() {}
}
