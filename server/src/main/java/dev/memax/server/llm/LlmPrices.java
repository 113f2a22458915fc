package dev.memax.server.llm;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.HashMap;
import java.util.Map;

/**
 * Model prices from {@code MEMAX_LLM_PRICES}: {@code model=input/output,…} in US dollars per
 * million tokens, which is also millionths of a dollar per token.
 */
final class LlmPrices {
    private record Price(double input, double output) {}

    private final Map<String, Price> prices;

    private LlmPrices(Map<String, Price> prices) {
        this.prices = prices;
    }

    static LlmPrices parse(String spec) {
        Map<String, Price> prices = new HashMap<>();
        for (String entry : LlmSettings.commaList(spec)) {
            int equals = entry.lastIndexOf('=');
            String[] perMillion =
                    equals < 0 ? new String[0] : entry.substring(equals + 1).split("/");
            try {
                if (perMillion.length != 2) {
                    throw new NumberFormatException();
                }
                prices.put(
                        entry.substring(0, equals).trim(),
                        new Price(Double.parseDouble(perMillion[0].trim()), Double.parseDouble(perMillion[1].trim())));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("MEMAX_LLM_PRICES: '" + entry
                        + "' is not model=input/output (USD per million tokens, e.g. gpt-4o-mini=0.15/0.60)");
            }
        }
        return new LlmPrices(Map.copyOf(prices));
    }

    long costMicroUsd(String model, long inputTokens, long outputTokens) {
        Price price = prices.get(model);
        return price == null ? 0 : Math.round(inputTokens * price.input() + outputTokens * price.output());
    }
}
