package dev.pushdeck.campaign.internal;

import dev.pushdeck.campaign.Notification;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The content columns campaigns and templates share: binding and reading them. */
final class ContentColumns {

    static final String NAMES = "title, subtitle, body, sound, badge, category, thread_id, mutable_content, "
            + "content_available, interruption_level, relevance_score, custom_data, raw_payload";
    static final String VALUES = ":title, :subtitle, :body, :sound, :badge, :category, :threadId, :mutableContent, "
            + ":contentAvailable, :interruptionLevel, :relevanceScore, :customData, :rawPayload";
    static final String ASSIGNMENTS = "title = :title, subtitle = :subtitle, body = :body, sound = :sound, "
            + "badge = :badge, category = :category, thread_id = :threadId, mutable_content = :mutableContent, "
            + "content_available = :contentAvailable, interruption_level = :interruptionLevel, "
            + "relevance_score = :relevanceScore, custom_data = :customData, raw_payload = :rawPayload";

    private ContentColumns() {
    }

    /** Binds the content; in expert mode only the raw payload is kept. */
    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Notification given, @Nullable String rawPayload) {
        Notification n = rawPayload != null ? Notification.EMPTY : given;
        return sql.param("title", n.title()).param("subtitle", n.subtitle()).param("body", n.body())
                .param("sound", n.sound()).param("badge", n.badge()).param("category", n.category())
                .param("threadId", n.threadId()).param("mutableContent", n.mutableContent())
                .param("contentAvailable", n.contentAvailable())
                .param("interruptionLevel", blankToNull(n.interruptionLevel()))
                .param("relevanceScore", n.relevanceScore()).param("customData", blankToNull(n.data()))
                .param("rawPayload", rawPayload);
    }

    static Notification read(ResultSet rs) throws SQLException {
        return new Notification(rs.getString("title"), rs.getString("subtitle"), rs.getString("body"),
                rs.getString("sound"), rs.getObject("badge", Integer.class), rs.getString("category"),
                rs.getString("thread_id"), rs.getBoolean("mutable_content"), rs.getBoolean("content_available"),
                rs.getString("interruption_level"), rs.getObject("relevance_score", Double.class),
                rs.getString("custom_data"));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
