package dev.pushdeck.dispatch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class of real nodes on the shared {@link ProcessCluster}. It runs beside the
 * Spring-context tests, which it shares nothing with (its own database, mock APNs and child
 * JVMs), because most of its time is spent waiting out outages, leases and shutdowns; the
 * classes that carry it take turns on the one cluster, as they kill, stop and cut off its nodes.
 * See {@code junit-platform.properties}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ProcessCluster.Shared.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("process-cluster")
@interface ProcessTest {
}
