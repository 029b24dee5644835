package dev.pushdeck.app;

import dev.pushdeck.shared.error.ValidationException;
import java.util.List;

/**
 * The certificate is fine but its topics do not include the app's bundle id. Nothing was
 * stored; the upload succeeds when repeated with {@link CredentialUpload#confirmed()}
 * (API: {@code confirmTopicMismatch=true}).
 */
public class TopicMismatchException extends ValidationException {

    private final List<String> topics;

    public TopicMismatchException(List<String> topics, String bundleId) {
        super("confirmTopicMismatch", "error.credential.topic-mismatch", String.join(", ", topics), bundleId);
        this.topics = List.copyOf(topics);
    }

    public List<String> topics() {
        return topics;
    }
}
