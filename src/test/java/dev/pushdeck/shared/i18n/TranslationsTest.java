package dev.pushdeck.shared.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TranslationsTest {

    /** Literal keys in the sources: getTranslation("..."), message keys and menu titles. */
    private static final Pattern KEY_USE = Pattern.compile(
            "(?:getTranslation\\(|title = |Messages\\.get\\([^,]+, )\"([a-z][a-z0-9.-]*[a-z0-9])\"|\"((?:error|nav)\\.[a-z0-9.-]*[a-z0-9])\"");
    private static final Pattern AUDIT_ACTION = Pattern.compile(
            "(?:record|recordInTeam|recordAs)\\([^;]*?\"([a-z-]+\\.[a-z.-]+)\"");

    @Test
    void everyModulesBundleIsFoundByPatternAfterTheFoundationsAndWithoutItsLanguageVariants() {
        assertThat(Messages.BUNDLES).first().isEqualTo("vaadin-i18n/translations");
        assertThat(Messages.BUNDLES).contains("i18n/app", "i18n/device", "i18n/campaign", "i18n/dispatch",
                "i18n/history", "i18n/accounts", "i18n/mail", "i18n/security").doesNotHaveDuplicates()
                .noneMatch(bundle -> bundle.contains("_"));
    }

    /** Bundles are searched by name, so a key in two of them would read as whichever sorts first. */
    @Test
    void noKeyLivesInTwoBundles() throws IOException {
        Map<String, String> owner = new HashMap<>();
        Set<String> shared = new TreeSet<>();
        for (String bundle : Messages.BUNDLES) {
            for (String key : load(bundle + ".properties").stringPropertyNames()) {
                String first = owner.putIfAbsent(key, bundle);
                if (first != null) {
                    shared.add(key + " in " + first + " and " + bundle);
                }
            }
        }
        assertThat(shared).isEmpty();
    }

    @Test
    void everyBundleHasTheSameKeysInEnglishAndChinese() throws IOException {
        for (String bundle : Messages.BUNDLES) {
            Properties english = load(bundle + ".properties");
            Properties chinese = load(bundle + "_zh_CN.properties");
            assertThat(english.stringPropertyNames()).as(bundle).isNotEmpty();
            assertThat(chinese.stringPropertyNames()).as(bundle).isEqualTo(english.stringPropertyNames());
        }
    }

    @Test
    void noBundleDefinesAKeyTwiceSoNoTextIsSilentlyReplaced() throws IOException {
        for (String bundle : Messages.BUNDLES) {
            for (String resource : List.of(bundle + ".properties", bundle + "_zh_CN.properties")) {
                Set<String> seen = new HashSet<>();
                Set<String> twice = new TreeSet<>();
                for (String line : lines(resource)) {
                    String trimmed = line.strip();
                    int equals = trimmed.indexOf('=');
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0
                            && !seen.add(trimmed.substring(0, equals).strip())) {
                        twice.add(trimmed.substring(0, equals).strip());
                    }
                }
                assertThat(twice).as(resource).isEmpty();
            }
        }
    }

    @Test
    void everyKeyTheCodeUsesHasWordsInBothLanguages() throws IOException {
        Set<String> used = usedKeys();
        assertThat(used).hasSizeGreaterThan(50);
        for (String key : used) {
            for (Locale locale : Messages.LOCALES) {
                assertThat(Messages.get(locale, key)).as("%s in %s", key, locale).doesNotStartWith("!");
            }
        }
    }

    @Test
    void chineseReadersGetChineseAndEveryoneElseEnglish() {
        assertThat(Messages.get(Locale.SIMPLIFIED_CHINESE, "login.title")).isEqualTo("登录");
        assertThat(Messages.get(Locale.forLanguageTag("zh-TW"), "login.title")).isEqualTo("登录");
        assertThat(Messages.get(Locale.GERMAN, "login.title")).isEqualTo("Sign in");
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher use = KEY_USE.matcher(source);
                while (use.find()) {
                    keys.add(use.group(1) != null ? use.group(1) : use.group(2));
                }
                Matcher audit = AUDIT_ACTION.matcher(source);
                while (audit.find()) {
                    keys.add("audit.action." + audit.group(1));
                }
            }
        }
        return keys;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = TranslationsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? List.of() : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TranslationsTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        return properties;
    }
}
