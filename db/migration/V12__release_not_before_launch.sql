-- A device-local release time that had already passed at launch now releases at the launch
-- (see DispatchRepository#fanOut), so no delivery's time is before its run's launch and the
-- delivery log can bound a time range by the runs launched before it ends
-- (docs/decisions/016-delivery-log-at-ten-million-rows.md). Rows written before keep that
-- rule too.
update deliveries d set release_at = r.launched_at
from dispatch_runs r
where r.id = d.run_id and d.last_attempt_at is null and d.release_at < r.launched_at;
update delivery_queue q set release_at = r.launched_at, next_attempt_at = greatest(q.next_attempt_at, r.launched_at)
from dispatch_runs r
where r.id = q.run_id and q.release_at < r.launched_at;
