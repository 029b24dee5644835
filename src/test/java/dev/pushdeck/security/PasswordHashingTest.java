package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

class PasswordHashingTest {

    private final PasswordEncoder cheap = new SecurityConfiguration().passwordEncoder(4);

    @Test
    void newPasswordsAreHashedWithBcryptAtTheConfiguredCost() {
        String hash = cheap.encode("correct horse");

        assertThat(hash).startsWith("{bcrypt}$2a$04$");
        assertThat(cheap.matches("correct horse", hash)).isTrue();
        assertThat(cheap.matches("wrong horse", hash)).isFalse();
    }

    @Test
    void hashesStoredAtAnotherCostOrWithAnotherAlgorithmStillVerify() {
        PasswordEncoder defaults = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String bcryptAtTen = defaults.encode("correct horse");
        String scrypt = "{scrypt}" + new SCryptPasswordEncoder(16, 8, 1, 32, 16)
                .encode("correct horse");

        assertThat(bcryptAtTen).startsWith("{bcrypt}$2a$10$");
        assertThat(cheap.matches("correct horse", bcryptAtTen)).isTrue();
        assertThat(cheap.matches("correct horse", scrypt)).isTrue();
        assertThat(cheap.matches("wrong horse", scrypt)).isFalse();
    }

    @Test
    void aCostBcryptCannotUseStopsTheStartWithTheSettingsName() {
        assertThatThrownBy(() -> new SecurityConfiguration().passwordEncoder(3))
                .hasMessageContaining("PUSHDECK_SECURITY_PASSWORD_HASH_COST");
        assertThatThrownBy(() -> new SecurityConfiguration().passwordEncoder(32))
                .hasMessageContaining("4 to 31");
    }
}
