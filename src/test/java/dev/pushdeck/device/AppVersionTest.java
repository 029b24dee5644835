package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppVersionTest {

    static Stream<Arguments> orderedPairs() {
        return Stream.of(
                Arguments.of("1.9", "1.10"),
                Arguments.of("1.2", "1.2.1"),
                Arguments.of("1.2.9", "1.3"),
                Arguments.of("0.9.9.9", "1"),
                Arguments.of("9", "10"),
                Arguments.of("2.99", "10.0"),
                Arguments.of("1.0.0.1", "1.0.1"),
                Arguments.of("0", "0.0.1"),
                Arguments.of("999999998", "999999999"));
    }

    @ParameterizedTest(name = "{0} comes before {1}")
    @MethodSource("orderedPairs")
    void versionsOrderByTheirNumericComponents(String earlier, String later) {
        assertThat(AppVersion.compare(earlier, later)).isNegative();
        assertThat(AppVersion.compare(later, earlier)).isPositive();
        assertThat(AppVersion.orderKey(earlier).orElseThrow())
                .as("the database compares the keys byte by byte")
                .isLessThan(AppVersion.orderKey(later).orElseThrow());
    }

    static Stream<Arguments> samePairs() {
        return Stream.of(
                Arguments.of("1.2", "1.2.0"),
                Arguments.of("1", "1.0.0.0"),
                Arguments.of("01.02", "1.2"),
                Arguments.of("0", "0.0"));
    }

    @ParameterizedTest(name = "{0} is the same version as {1}")
    @MethodSource("samePairs")
    void trailingZeroComponentsAndLeadingZerosDoNotCount(String one, String other) {
        assertThat(AppVersion.compare(one, other)).isZero();
        assertThat(AppVersion.orderKey(one)).isEqualTo(AppVersion.orderKey(other));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "v1.2", "1.2-beta", "1..2", ".1", "1.", "1.2.3.4.5", "1 .2", "1.2 (45)",
            "1234567890", "١.٢", "-1"})
    void anythingButOneToFourNumbersIsRefused(String text) {
        assertThat(AppVersion.valid(text)).isFalse();
        assertThat(AppVersion.orderKey(text)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" is accepted")
    @ValueSource(strings = {"1", "2.10.1", "1.0.0.1", "123456789.0"})
    void oneToFourNumbersOfUpToNineDigitsAreAccepted(String text) {
        assertThat(AppVersion.valid(text)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void sortingByTheKeyIsSortingByVersion() {
        List<String> shuffled = List.of("1.10", "1.9", "2", "1.9.1", "1.10.0.1", "0.1");
        assertThat(shuffled.stream().sorted((a, b) -> AppVersion.orderKey(a).orElseThrow()
                .compareTo(AppVersion.orderKey(b).orElseThrow())).toList())
                .containsExactly("0.1", "1.9", "1.9.1", "1.10", "1.10.0.1", "2");
    }
}
