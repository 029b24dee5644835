package dev.pushdeck.tenancy.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Teams by slug: the name in lower case with every run of other characters than a–z and
 * 0–9 turned into one hyphen ("Acme Coffee" → {@code acme-coffee}), as identity-provider
 * group names refer to them.
 */
@Repository
public class TeamSlugs {

    private final JdbcClient jdbc;

    TeamSlugs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Teams with this slug: none, one, or (names differing only in punctuation) several. */
    public List<UUID> find(String slug) {
        return jdbc.sql("""
                        select id from teams
                        where trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')) = :slug""")
                .param("slug", slug).query(UUID.class).list();
    }
}
