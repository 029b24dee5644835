package dev.pushdeck.dispatch;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Remembers the dispatcher's run events so tests can assert them. */
@Component
class RunEvents {

    private final List<Object> seen = new CopyOnWriteArrayList<>();

    @EventListener
    void completed(RunCompleted event) {
        seen.add(event);
    }

    @EventListener
    void stopped(RunStopped event) {
        seen.add(event);
    }

    List<Object> of(UUID runId) {
        return seen.stream().filter(e -> e instanceof RunCompleted c ? c.runId().equals(runId)
                : ((RunStopped) e).runId().equals(runId)).toList();
    }
}
