package dev.pushdeck.dispatch;

import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.AbVerdict;
import dev.pushdeck.dispatch.internal.ClaimRepository;
import dev.pushdeck.dispatch.internal.SplitTestRepository;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides launched A/B tests and releases the held rest to the winner
 * (docs/decisions/058-ab-tests.md). A test is decided once across nodes: by open rate
 * ({@link AbVerdict}) when its wait has passed, or by a person's pick before that. Releasing
 * moves the held deliveries to the winner's wording in batches, each its own transaction, so a
 * node that dies halfway leaves the rest for the next tick of any node.
 *
 * <p>For trusted callers inside this module only ({@code CampaignDispatch}; other modules read a
 * run's test through {@link dev.pushdeck.dispatch.reports.RunReports}): takes the team from its
 * caller, checks no role. Thread-safe. Database
 * errors propagate as Spring's {@code DataAccessException}; the scheduler's tick skips and tries
 * again.
 */
@Service
public class SplitTests {

    private static final Logger log = LoggerFactory.getLogger(SplitTests.class);
    /** Held deliveries released per transaction: short enough not to hold back the sending of others. */
    private static final int RELEASE_BATCH = 10_000;
    private static final int RELEASE_TESTS_PER_TICK = 10;

    private final SplitTestRepository tests;
    private final ClaimRepository claims;
    private final DispatchEngine engine;
    private final TransactionTemplate transactions;

    SplitTests(SplitTestRepository tests, ClaimRepository claims, DispatchEngine engine,
               TransactionTemplate transactions) {
        this.tests = tests;
        this.claims = claims;
        this.engine = engine;
        this.transactions = transactions;
    }

    /** The run's test, or empty when it has none (or is another team's). */
    public Optional<SplitTestState> find(UUID tenantId, UUID runId) {
        return tests.find(tenantId, runId);
    }

    /**
     * Decides every test whose wait has passed by open rate, each in its own transaction.
     *
     * @return how many were decided
     */
    public int decideDue() {
        int decided = 0;
        while (Boolean.TRUE.equals(transactions.execute(status -> decideNextDue()))) {
            decided++;
        }
        return decided;
    }

    private boolean decideNextDue() {
        Optional<SplitTestState> due = tests.lockNextDue();
        due.ifPresent(test -> {
            AbVerdict verdict = AbVerdict.of(tests.testedCounts(test));
            tests.decide(test.runId(), verdict.leader(), null);
            log.info("A/B test of run {} decided by open rate: version {} ({})", test.runId(),
                    AbTest.letter(verdict.leader()), verdict.callable() ? "called" : "too small to call");
        });
        return due.isPresent();
    }

    /**
     * A person picks the version the rest gets, before the test is decided; the release follows
     * on the scheduler's next tick. Must run in the caller's transaction.
     *
     * @param pickedBy who picked (a person's or an API token's name), recorded with the decision
     * @throws NotFoundException   the team has no run with a test by this id
     * @throws ConflictException   the test is decided already ({@code dispatch.ab-test.decided})
     * @throws ValidationException on {@code version} when the test has no such version
     */
    public void pick(UUID tenantId, UUID runId, int version, String pickedBy) {
        SplitTestState test = tests.lock(tenantId, runId).orElseThrow(NotFoundException::new);
        Integer winner = test.winner();
        if (winner != null) {
            throw new ConflictException("dispatch.ab-test.decided", AbTest.letter(winner));
        }
        if (version < 0 || version >= test.versions()) {
            throw new ValidationException("version", "dispatch.ab-test.version", AbTest.letter(test.versions() - 1));
        }
        tests.decide(runId, version, pickedBy);
    }

    /**
     * Releases the held deliveries of decided tests to their winners, in batches, waking each run
     * so its released deliveries are claimed at once.
     *
     * @return how many deliveries were released
     */
    public long releaseDecided() {
        long released = 0;
        for (SplitTestState test : tests.decidedUnreleased(RELEASE_TESTS_PER_TICK)) {
            int batch;
            do {
                batch = transactions.execute(status -> tests.releaseBatch(test, RELEASE_BATCH));
                released += batch;
                claims.wake(test.runId(), Instant.now());
            } while (batch == RELEASE_BATCH);
        }
        if (released > 0) {
            engine.nudge();
        }
        return released;
    }
}
