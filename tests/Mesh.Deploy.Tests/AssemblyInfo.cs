// The failover and launcher tests start clusters of real processes: on a two-core machine they must not
// overlap, or their timing guarantees (no failed request, admin back within 10 s) measure contention.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
