package dev.pushdeck.campaign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.ContentVersion;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A campaign's A/B test in {@code campaigns.ab_test}: {@code {"testPercent", "waitMinutes",
 * "versions": [{"title", "subtitle", "body", "variants": [...]}]}}, each version's variants as
 * {@link VariantColumn} writes them; SQL null for none. Pure and thread-safe.
 */
final class AbTestColumn {

    private AbTestColumn() {
    }

    static @Nullable String write(@Nullable AbTest test) {
        if (test == null) {
            return null;
        }
        ObjectNode node = StrictJson.MAPPER.createObjectNode().put("testPercent", test.testPercent())
                .put("waitMinutes", test.waitMinutes());
        var versions = node.putArray("versions");
        for (ContentVersion version : test.versions()) {
            ObjectNode written = versions.addObject();
            VariantColumn.putTexts(written, version.title(), version.subtitle(), version.body());
            written.set("variants", VariantColumn.array(version.variants()));
        }
        return VariantColumn.serialize(node);
    }

    static @Nullable AbTest read(@Nullable String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = StrictJson.parse(json, "ab_test");
        List<ContentVersion> versions = new ArrayList<>();
        for (JsonNode version : node.get("versions")) {
            versions.add(new ContentVersion(VariantColumn.text(version, "title"),
                    VariantColumn.text(version, "subtitle"), VariantColumn.text(version, "body"),
                    VariantColumn.read(version.get("variants"))));
        }
        return new AbTest(node.get("testPercent").asInt(), node.get("waitMinutes").asInt(), versions);
    }
}
