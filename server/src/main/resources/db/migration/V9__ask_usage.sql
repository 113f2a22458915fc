-- Language-model use of ask (issue 8), per user, period (calendar month, UTC) and model: what
-- GET /v1/usage reports and what a bill would be made from. Extractive answers are recorded under
-- the model name 'extractive' with their counted tokens and no cost.
CREATE TABLE usage_llm (
    user_id        uuid   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period_start   date   NOT NULL,
    model          text   NOT NULL,
    asks           bigint NOT NULL,
    input_tokens   bigint NOT NULL,
    output_tokens  bigint NOT NULL,
    cost_micro_usd bigint NOT NULL,
    PRIMARY KEY (user_id, period_start, model)
);
