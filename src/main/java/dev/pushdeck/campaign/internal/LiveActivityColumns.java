package dev.pushdeck.campaign.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.instant;
import static dev.pushdeck.shared.jdbc.RecordRows.timestamp;

import dev.pushdeck.campaign.LiveActivity;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Live Activity columns of campaigns (V41): binding and reading them. Empty for other push types. */
final class LiveActivityColumns {

    static final String NAMES = "la_event, la_attributes_type, la_attributes, la_content_state, la_stale_date, "
            + "la_dismissal_date, la_relevance_score, la_alert_title, la_alert_body, la_alert_sound";
    static final String VALUES = ":laEvent, :laType, :laAttributes, :laContentState, :laStaleDate, :laDismissalDate, "
            + ":laRelevance, :laAlertTitle, :laAlertBody, :laAlertSound";
    static final String ASSIGNMENTS = "la_event = :laEvent, la_attributes_type = :laType, la_attributes = :laAttributes, "
            + "la_content_state = :laContentState, la_stale_date = :laStaleDate, "
            + "la_dismissal_date = :laDismissalDate, la_relevance_score = :laRelevance, "
            + "la_alert_title = :laAlertTitle, la_alert_body = :laAlertBody, la_alert_sound = :laAlertSound";

    private LiveActivityColumns() {
    }

    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, LiveActivity activity) {
        LiveActivity a = activity == null
                ? new LiveActivity(null, null, null, null, null, null, null, null, null, null) : activity;
        return sql.param("laEvent", a.event() == null ? null : a.event().wire())
                .param("laType", blankToNull(a.attributesType())).param("laAttributes", blankToNull(a.attributes()))
                .param("laContentState", blankToNull(a.contentState())).param("laStaleDate", timestamp(a.staleDate()))
                .param("laDismissalDate", timestamp(a.dismissalDate())).param("laRelevance", a.relevanceScore())
                .param("laAlertTitle", blankToNull(a.alertTitle())).param("laAlertBody", blankToNull(a.alertBody()))
                .param("laAlertSound", blankToNull(a.alertSound()));
    }

    /** The stored Live Activity, or null when the campaign has none. */
    static @Nullable LiveActivity read(ResultSet rs) throws SQLException {
        String event = rs.getString("la_event");
        if (event == null) {
            return null;
        }
        return new LiveActivity(LiveActivity.Event.parse(event), rs.getString("la_attributes_type"),
                rs.getString("la_attributes"), rs.getString("la_content_state"), instant(rs, "la_stale_date"),
                instant(rs, "la_dismissal_date"), rs.getObject("la_relevance_score", Double.class),
                rs.getString("la_alert_title"), rs.getString("la_alert_body"), rs.getString("la_alert_sound"));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
