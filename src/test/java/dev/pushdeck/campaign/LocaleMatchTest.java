package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which content variant a device's stored locale gets. No database. */
class LocaleMatchTest {

    @ParameterizedTest(name = "{0} among [{1}] gets {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # device locale | variants            | variant | why
            zh-CN           | zh-CN zh en         | 1       | the exact tag
            zh-cn           | zh-CN zh en         | 1       | case does not matter
            zh_CN           | zh-CN zh en         | 1       | _ and - are alike
            ZH_cn           | zh_CN               | 1       | in the variant's tag too
            zh-Hant-TW      | zh-CN zh en         | 2       | no exact variant: the language alone
            zh_TW           | zh-CN zh en         | 2       | the language alone, from an underscored tag
            zh-TW           | zh-CN en            | 0       | a sibling region is not a match: the default
            zh              | zh-CN en            | 0       | a bare language does not pick one of its regions
            en-GB           | en-US en            | 2       | the language variant, not another region's
            en-US           | en en-US            | 2       | an exact match wins over an earlier language match
            de-CH           | zh-CN zh en         | 0       | no variant of the language: the default
            null            | zh-CN zh en         | 0       | no locale stored: the default
            ' '             | zh-CN en            | 0       | a blank locale: the default
            pt-BR           | ''                  | 0       | a campaign without variants
            """)
    void aDeviceGetsItsExactTagElseItsLanguageElseTheDefault(String device, String variants, int expected) {
        List<String> tags = variants.isBlank() ? List.of() : Arrays.asList(variants.split(" "));

        assertThat(LocaleMatch.best(device, tags)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is well formed: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            zh-CN       | true
            zh_CN       | true
            zh-Hant-TW  | true
            en          | true
            es-419      | true
            ''          | false
            zh--CN      | false
            chinese!    | false
            e           | false
            en-US-x     | false
            """)
    void variantTagsMustBeWellFormedLanguageTags(String tag, boolean expected) {
        assertThat(LocaleMatch.wellFormed(tag)).isEqualTo(expected);
    }
}
