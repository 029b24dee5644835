package dev.pushdeck.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's meters on {@code /actuator/prometheus}: outcomes as written (so an
 * answer ignored by fencing is not counted), send latency, in-flight notifications, the
 * queue depth (pending deliveries, refreshed by the reaper) and APNs outages being waited
 * out on this node (clients whose breaker is open, and how many outages began).
 */
@Component
class DispatchMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter failed;
    private final Counter expired;
    private final Timer latency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicInteger outages = new AtomicInteger();
    private final Counter outagesOpened;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("pushdeck.dispatch.accepted").description("Notifications Apple accepted")
                .register(registry);
        this.failed = Counter.builder("pushdeck.dispatch.failed")
                .description("Deliveries given up after the last attempt").register(registry);
        this.expired = Counter.builder("pushdeck.dispatch.expired")
                .description("Deliveries not sent because they expired").register(registry);
        this.latency = Timer.builder("pushdeck.dispatch.send.latency")
                .description("From sending a notification to Apple's answer").register(registry);
        Gauge.builder("pushdeck.dispatch.in.flight", inFlight, AtomicInteger::get)
                .description("Notifications sent and not yet answered on this node").register(registry);
        Gauge.builder("pushdeck.dispatch.queue.depth", queueDepth, AtomicLong::get)
                .description("Deliveries queued or in flight (all nodes)").register(registry);
        Gauge.builder("pushdeck.dispatch.outages", outages, AtomicInteger::get)
                .description("APNs clients waiting out an outage on this node (probing, not claiming)")
                .register(registry);
        this.outagesOpened = Counter.builder("pushdeck.dispatch.outages.opened")
                .description("APNs outages that began (a client's breaker opened)").register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    void rejected(@Nullable String reason) {
        registry.counter("pushdeck.dispatch.rejected", "reason", reason == null ? "unknown" : reason).increment();
    }

    void retried(@Nullable String reason) {
        registry.counter("pushdeck.dispatch.retried", "reason", reason == null ? "unknown" : reason).increment();
    }

    void failed() {
        failed.increment();
    }

    void expired() {
        expired.increment();
    }

    void outageOpened() {
        outagesOpened.increment();
        outages.incrementAndGet();
    }

    void outageClosed() {
        outages.decrementAndGet();
    }

    void latency(Duration elapsed) {
        latency.record(elapsed);
    }

    void inFlight(int delta) {
        inFlight.addAndGet(delta);
    }

    void queueDepth(long depth) {
        queueDepth.set(depth);
    }
}
