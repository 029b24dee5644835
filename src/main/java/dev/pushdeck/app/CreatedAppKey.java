package dev.pushdeck.app;

import java.util.UUID;

/** An app key just created: {@code key} is the only time its secret is ever available. */
public record CreatedAppKey(UUID id, String name, String prefix, String key) {

    @Override
    public String toString() {
        return "CreatedAppKey[id=" + id + ", name=" + name + ", prefix=" + prefix + "]";
    }
}
