package dev.pushdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which frequency-cap settings are refused, and on which field (no database). */
class FrequencyCapTest {

    @ParameterizedTest(name = "perDay {0}, perWeek {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "-,    -,    -",
            "1,    -,    -",
            "100,  -,    -",
            "-,    700,  -",
            "3,    3,    -",
            "3,    10,   -",
            "0,    -,    perDay:error.app.cap-range",
            "101,  -,    perDay:error.app.cap-range",
            "-,    0,    perWeek:error.app.cap-range",
            "-,    701,  perWeek:error.app.cap-range",
            "5,    4,    perWeek:error.app.cap-week-below-day",
            "0,    701,  perDay:error.app.cap-range perWeek:error.app.cap-range",
            "-1,   0,    perDay:error.app.cap-range perWeek:error.app.cap-range",
            "101,  50,   perDay:error.app.cap-range",
    })
    void settingsAreRefusedOnTheFieldThatIsWrong(Integer perDay, Integer perWeek, String expected) {
        List<String> found = FrequencyCap.problems(perDay, perWeek).stream()
                .map(FrequencyCapTest::text).toList();

        assertThat(found).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(" ")));
    }

    @ParameterizedTest(name = "perDay {0}, perWeek {1} capped: {2}")
    @CsvSource(nullValues = "-", value = {"-, -, false", "2, -, true", "-, 5, true", "2, 5, true"})
    void anAppIsCappedWhenEitherNumberIsSet(Integer perDay, Integer perWeek, boolean capped) {
        assertThat(FrequencyCap.of(perDay, perWeek) != null).isEqualTo(capped);
    }

    private static String text(FieldError error) {
        return error.field() + ":" + error.key();
    }
}
