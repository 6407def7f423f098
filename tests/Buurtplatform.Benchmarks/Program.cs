using BenchmarkDotNet.Running;

// Calendar:  dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- --job short --filter '*'
// Search:    dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- search sqlite|postgres [activities]
// Photos:    dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- photos
if (args.Length > 0 && args[0] == "search")
    return await Buurtplatform.Benchmarks.SearchLatency.RunAsync(args);
if (args is ["photos", ..])
    return await Buurtplatform.Benchmarks.PhotoBenchmark.RunAsync();
BenchmarkSwitcher.FromAssembly(typeof(Buurtplatform.Benchmarks.CalendarBenchmarks).Assembly).Run(args);
return 0;
