// Every test starts its own server on a loopback port chosen by the OS, so tests are independent
// and can run in parallel (with each other and with other test projects).
[assembly: Parallelizable(ParallelScope.All)]
[assembly: FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
