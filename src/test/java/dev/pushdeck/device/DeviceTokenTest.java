package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.shared.error.ValidationException;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property-style tests: many generated strings, each judged by an oracle written
 * independently of {@link DeviceToken} (regular expressions over the documented rule).
 */
class DeviceTokenTest {

    /** The documented rule, restated: drop < > and ASCII white space, then even-length ASCII hex, 64..200. */
    private static final Pattern REMOVED = Pattern.compile("[<>\\s]"); // Java's \s is ASCII-only by default
    private static final Pattern ACCEPTED = Pattern.compile("(?:[0-9a-fA-F]{2}){32,100}");

    private static Optional<String> oracle(String raw) {
        String stripped = REMOVED.matcher(raw).replaceAll("");
        return ACCEPTED.matcher(stripped).matches() ? Optional.of(stripped.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    private static final String[] PIECES = {
            "0", "1", "7", "9", "a", "b", "f", "A", "C", "F", "0123456789abcdef", "DEADBEEF",
            " ", "  ", "\t", "\n", "\r\n", "\f", "\u000B", "<", ">", "-", ":", "_", "g", "G", "z", "x",
            "\u0000", "\u00A0", "\u2003", "\u3000", "\u0660", "\u0669", "\u06F5", "\uFF10", "\uFF21", "\uFF41",
            "\u0967", "\u00E9", "\uD83D\uDE00", "\u212A", "\u0130", "%20", "0x", "\uFEFF"};

    private static String generate(Random random) {
        int shape = random.nextInt(6);
        StringBuilder text = new StringBuilder();
        if (shape == 0) {
            int digits = 56 + random.nextInt(152);
            for (int i = 0; i < digits; i++) {
                text.append("0123456789abcdefABCDEF".charAt(random.nextInt(22)));
                if (random.nextInt(8) == 0) {
                    text.append(' ');
                }
            }
            return random.nextBoolean() ? "<" + text + ">" : text.toString();
        }
        if (shape == 1) {
            // A valid-looking token with one piece swapped in somewhere.
            int digits = 64 + 2 * random.nextInt(69);
            for (int i = 0; i < digits; i++) {
                text.append("0123456789abcdef".charAt(random.nextInt(16)));
            }
            text.insert(random.nextInt(text.length() + 1), PIECES[random.nextInt(PIECES.length)]);
            return text.toString();
        }
        int length = shape == 2 ? random.nextInt(10) : random.nextInt(250);
        while (text.length() < length) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    @Test
    void theAcceptedSetEqualsTheDocumentedRuleOverManyArbitraryStrings() {
        Random random = new Random(20261201L);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            String raw = generate(random);
            Optional<String> expected = oracle(raw);
            Optional<DeviceToken.Problem> problem = DeviceToken.check(raw);
            assertThat(problem.isEmpty()).as("accepted? %s", escape(raw)).isEqualTo(expected.isPresent());
            if (expected.isPresent()) {
                accepted++;
                assertThat(DeviceToken.normalize(raw)).isEqualTo(expected.get());
            } else {
                assertThatThrownBy(() -> DeviceToken.normalize(raw)).isInstanceOf(ValidationException.class);
            }
        }
        // Both halves of the rule were exercised.
        assertThat(accepted).isBetween(2_000, 48_000);
    }

    @Test
    void aRejectionNamesTheFirstProblemTheRuleFinds() {
        Random random = new Random(7L);
        for (int i = 0; i < 20_000; i++) {
            String raw = generate(random);
            String stripped = REMOVED.matcher(raw).replaceAll("");
            Optional<DeviceToken.Problem> problem = DeviceToken.check(raw);
            String expectedKey;
            if (stripped.isEmpty()) {
                expectedKey = "device.token.empty";
            } else if (!stripped.matches("[0-9a-fA-F]*")) {
                expectedKey = "device.token.non-hex";
            } else if (stripped.length() < 64) {
                expectedKey = "device.token.too-short";
            } else if (stripped.length() > 200) {
                expectedKey = "device.token.too-long";
            } else if (stripped.length() % 2 == 1) {
                expectedKey = "device.token.odd-length";
            } else {
                expectedKey = null;
            }
            assertThat(problem.map(DeviceToken.Problem::key).orElse(null)).as(escape(raw)).isEqualTo(expectedKey);
        }
    }

    @Test
    void theXcodeFormIsAcceptedAndLowerCased() {
        String xcode = "<740F4707 BEBCF74F 9B7C25D4 8E335894 5F6AA01D A5DDB387 462C7EAF 61BB78AD>";
        assertThat(DeviceToken.normalize(xcode))
                .isEqualTo("740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad");
    }

    @Test
    void aNonHexCharacterIsReportedWithItsPositionInTheTextAsGiven() {
        String token = "ab".repeat(10) + "-" + "ab".repeat(30);
        assertThatThrownBy(() -> DeviceToken.normalize(token))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("position 21").hasMessageContaining("'-'");
    }

    @Test
    void nonAsciiDigitsAreNotHex() {
        String arabicIndic = "\u0661\u0662".repeat(32);
        String fullwidth = "\uFF11\uFF12".repeat(32);
        assertThat(DeviceToken.check(arabicIndic)).get().extracting(DeviceToken.Problem::key)
                .isEqualTo("device.token.non-hex");
        assertThatThrownBy(() -> DeviceToken.normalize(fullwidth)).hasMessageContaining("U+FF11");
    }

    @Test
    void emptyNullAndWhiteSpaceOnlyAreEmpty() {
        for (String raw : new String[] {null, "", "   ", "<>", "< \t\n>"}) {
            assertThat(DeviceToken.check(raw)).get().extracting(DeviceToken.Problem::key).isEqualTo("device.token.empty");
        }
    }

    @Test
    void aNulCharacterIsRefusedNotStripped() {
        String token = "ab".repeat(32) + "\u0000";
        assertThatThrownBy(() -> DeviceToken.normalize(token)).hasMessageContaining("U+0000");
    }

    @Test
    void tenThousandCharactersOfHexAreTooLong() {
        assertThatThrownBy(() -> DeviceToken.normalize("a".repeat(10_000)))
                .hasMessageContaining("10000 hex digits").hasMessageContaining("at most 200");
    }

    @Test
    void lengthsAtTheEdgesOfTheRule() {
        assertThat(DeviceToken.check("a".repeat(63))).get().extracting(DeviceToken.Problem::key)
                .isEqualTo("device.token.too-short");
        assertThat(DeviceToken.check("a".repeat(64))).isEmpty();
        assertThat(DeviceToken.check("a".repeat(65))).get().extracting(DeviceToken.Problem::key)
                .isEqualTo("device.token.odd-length");
        assertThat(DeviceToken.check("a".repeat(200))).isEmpty();
        assertThat(DeviceToken.check("a".repeat(201))).get().extracting(DeviceToken.Problem::key)
                .isEqualTo("device.token.too-long");
    }

    private static String escape(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        return out.toString();
    }
}
