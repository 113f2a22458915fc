package dev.memax.server.dream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the text-based dream rules read a statement: its content words (lowercased, plurals folded,
 * stop words out), the facts it states (numbers and dates), the names it mentions (capitalised
 * words inside a sentence), whether it is negated and whether it announces an update ("now",
 * "no longer", "moved"). English only, on purpose simple: the rules built on it are conservative.
 */
final class DreamText {
    /** Words with inner punctuation kept, so "1,000", "3.5", "2026-01-05", "10:30" and "don't" stay one token. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['’.,:/-][\\p{L}\\p{N}]+)*");

    private static final Pattern ISO_DATE =
            Pattern.compile("\\d{4}-\\d{2}(?:-\\d{2})?|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?");
    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}");
    /** A number with a unit word glued on ("90-day", "30days"): the number is the fact, the unit a word. */
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:[.,:]\\d+)*)-?(\\p{L}{3,})");

    private static final Set<String> CALENDAR = Set.of(
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "tomorrow",
            "yesterday");
    private static final Set<String> NEGATIONS =
            Set.of("not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot");
    private static final Set<String> UPDATE_CUES = Set.of(
            "now",
            "longer",
            "anymore",
            "instead",
            "replaced",
            "replaces",
            "changed",
            "moved",
            "renamed",
            "switched",
            "new",
            "updated",
            "became",
            "becomes");
    static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
            "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "during",
            "each", "either", "for", "from", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
            "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "might", "more", "most", "must", "my",
            "of", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "may", "shall",
            "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there",
            "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we",
            "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
            "your", "yours", "per", "via", "etc", "let", "lets", "get", "got");

    private DreamText() {}

    /** What the rules compare in one statement (a sentence, or a whole memory). */
    record Statement(
            String text,
            Set<String> words,
            Set<String> numbers,
            Set<String> dates,
            Set<String> names,
            boolean negated,
            boolean updateCue) {

        Set<String> facts() {
            Set<String> facts = new HashSet<>(numbers);
            facts.addAll(dates);
            return facts;
        }
    }

    static Statement analyse(String text) {
        String source = text == null ? "" : text.replace('’', '\'');
        Set<String> words = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> dates = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        boolean negated = false;
        boolean updateCue = false;
        Matcher matcher = TOKEN.matcher(source);
        while (matcher.find()) {
            String original = matcher.group();
            String lower = original.toLowerCase(Locale.ROOT);
            if (lower.endsWith("n't")) {
                negated = true;
                continue;
            }
            if (lower.endsWith("'s")) {
                lower = lower.substring(0, lower.length() - 2);
                original = original.substring(0, original.length() - 2);
            }
            if (lower.chars().anyMatch(Character::isDigit)) {
                String number = lower.replaceAll("(?<=\\d),(?=\\d{3})", "");
                Matcher unit = NUMBER_AND_UNIT.matcher(number);
                if (unit.matches()) {
                    number = unit.group(1);
                    words.add(fold(unit.group(2)));
                }
                (ISO_DATE.matcher(number).matches() || YEAR.matcher(number).matches() ? dates : numbers).add(number);
                continue;
            }
            if (NEGATIONS.contains(lower)) {
                negated = true;
                continue;
            }
            if (UPDATE_CUES.contains(lower)) {
                // Says that the statement is an update, not what it is about: not one of its words.
                updateCue = true;
            } else if (CALENDAR.contains(lower)) {
                dates.add(lower);
            } else if (STOP_WORDS.contains(lower)) {
                continue;
            } else if (isName(source, matcher.start(), original)) {
                names.add(lower);
            } else if (lower.length() > 1) {
                words.add(fold(lower));
            }
        }
        return new Statement(text, words, numbers, dates, names, negated, updateCue);
    }

    /** A capitalised word inside a sentence, or an acronym anywhere: sentence-initial capitals say nothing. */
    private static boolean isName(String text, int start, String word) {
        if (word.length() > 1
                && word.chars().anyMatch(Character::isUpperCase)
                && word.equals(word.toUpperCase(Locale.ROOT))) {
            return true;
        }
        if (!Character.isUpperCase(word.charAt(0))) {
            return false;
        }
        int i = start - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i >= 0 && ".!?:;\n\r#*-•>\"(".indexOf(text.charAt(i)) < 0;
    }

    /** Plurals and third persons folded ("keys" = "key", "rotates" = "rotate"), so the rules see one word. */
    static String fold(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3
                && word.endsWith("s")
                && !word.endsWith("ss")
                && !word.endsWith("us")
                && !word.endsWith("is")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** Words a label may show: lowercase letters (hyphens inside), three or more, no stop word or date. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        Matcher matcher = TOKEN.matcher(text.replace('’', '\''));
        while (matcher.find()) {
            String lower = matcher.group().toLowerCase(Locale.ROOT);
            if (lower.length() >= 3
                    && lower.chars().allMatch(c -> Character.isLetter(c) || c == '-')
                    && !STOP_WORDS.contains(lower)
                    && !NEGATIONS.contains(lower)
                    && !CALENDAR.contains(lower)) {
                terms.add(lower);
            }
        }
        return terms;
    }

    /** |a ∩ b| / |a ∪ b|, 0 for two empty sets. */
    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        long shared = a.stream().filter(b::contains).count();
        return (double) shared / (a.size() + b.size() - shared);
    }

    /** The share of {@code a}'s words that {@code b} also has (1 when {@code a} has none). */
    static double coverage(Set<String> a, Set<String> b) {
        return a.isEmpty() ? 1 : (double) a.stream().filter(b::contains).count() / a.size();
    }

    /** A memory's title and content as one text (the title its own paragraph): both state what it says. */
    static String of(DreamMemory memory) {
        String title = memory.title() == null ? "" : memory.title().strip();
        String content = memory.content() == null ? "" : memory.content().strip();
        return title.isEmpty() ? content : content.isEmpty() ? title : title + "\n\n" + content;
    }
}
