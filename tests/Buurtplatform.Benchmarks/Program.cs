using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- --job short --filter '*'
// Search:   dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- search sqlite|postgres [activities]
if (args.Length > 0 && args[0] == "search")
    return await Buurtplatform.Benchmarks.SearchLatency.RunAsync(args);
BenchmarkSwitcher.FromAssembly(typeof(Buurtplatform.Benchmarks.CalendarBenchmarks).Assembly).Run(args);
return 0;
