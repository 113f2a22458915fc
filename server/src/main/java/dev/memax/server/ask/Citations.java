package dev.memax.server.ask;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code [n]} markers of an answer: {@code [1]}, {@code [2][3]}, {@code [1, 4]}. */
final class Citations {
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

    private Citations() {}

    /** The cited sources of {@code answer}, in order of first citation, keeping only 1..{@code sources}. */
    static List<Integer> cited(String answer, int sources) {
        Set<Integer> cited = new LinkedHashSet<>();
        Matcher marker = MARKER.matcher(answer);
        while (marker.find()) {
            for (String number : marker.group(1).split(",")) {
                int index = Integer.parseInt(number.strip());
                if (index >= 1 && index <= sources) {
                    cited.add(index);
                }
            }
        }
        return new ArrayList<>(cited);
    }
}
