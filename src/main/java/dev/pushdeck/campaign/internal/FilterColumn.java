package dev.pushdeck.campaign.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's attribute filters in {@code campaigns.audience_filters}: a JSON array of
 * {@code {"attribute", "key", "operator", "values"}}. Values keep their JSON types (an instant is
 * ISO text), and are read back as the filter rules normalized them. Pure and thread-safe.
 */
final class FilterColumn {

    private FilterColumn() {
    }

    /** The checked filters as the column's JSON. */
    static String write(List<AttributeFilter> filters) {
        ArrayNode array = StrictJson.MAPPER.createArrayNode();
        for (AttributeFilter filter : filters) {
            ObjectNode node = array.addObject();
            node.put("attribute", filter.checkedAttribute().name());
            if (filter.key() != null) {
                node.put("key", filter.key());
            }
            node.put("operator", filter.checkedOperator().name());
            ArrayNode values = node.putArray("values");
            filter.values().forEach(value -> values.add(StrictJson.MAPPER.valueToTree(
                    value instanceof Instant instant ? instant.toString() : value)));
        }
        try {
            return StrictJson.MAPPER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("filters always serialize", e);
        }
    }

    /** The column's filters, with values of the types the rules give them. */
    static List<AttributeFilter> read(String json) {
        List<AttributeFilter> filters = new ArrayList<>();
        for (JsonNode node : StrictJson.parse(json, "audience_filters")) {
            Attribute attribute = Attribute.valueOf(node.get("attribute").asText());
            Operator operator = Operator.valueOf(node.get("operator").asText());
            List<Object> values = new ArrayList<>();
            node.get("values").forEach(value -> values.add(value(attribute, operator, value)));
            filters.add(new AttributeFilter(attribute, node.hasNonNull("key") ? node.get("key").asText() : null,
                    operator, values));
        }
        return List.copyOf(filters);
    }

    private static Object value(Attribute attribute, Operator operator, JsonNode value) {
        if (attribute == Attribute.LAST_SEEN) {
            return operator == Operator.WITHIN_DAYS ? value.asInt() : Instant.parse(value.asText());
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.isNumber() ? (Object) value.decimalValue() : value.asText();
    }
}
