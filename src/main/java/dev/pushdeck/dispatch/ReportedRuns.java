package dev.pushdeck.dispatch;

import dev.pushdeck.dispatch.reports.RunReports;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** History's view of runs, answered by the services that control them. */
@Component
class ReportedRuns implements RunReports {

    private final DispatchService dispatch;
    private final SplitTests splitTests;

    ReportedRuns(DispatchService dispatch, SplitTests splitTests) {
        this.dispatch = dispatch;
        this.splitTests = splitTests;
    }

    @Override
    public boolean exists(UUID tenantId, UUID runId) {
        return dispatch.exists(tenantId, runId);
    }

    @Override
    public RunProgress progress(UUID tenantId, UUID runId) {
        return dispatch.progress(tenantId, runId);
    }

    @Override
    public RunSnapshot snapshot(UUID tenantId, UUID runId) {
        return dispatch.snapshot(tenantId, runId);
    }

    @Override
    public Optional<SplitTestState> splitTest(UUID tenantId, UUID runId) {
        return splitTests.find(tenantId, runId);
    }
}
