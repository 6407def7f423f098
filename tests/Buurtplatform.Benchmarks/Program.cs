using BenchmarkDotNet.Running;

// Calendar:  dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- --job short --filter '*'
// Photos:    dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- photos
if (args is ["photos", ..])
    return await Buurtplatform.Benchmarks.PhotoBenchmark.RunAsync();
BenchmarkSwitcher.FromAssembly(typeof(Buurtplatform.Benchmarks.CalendarBenchmarks).Assembly).Run(args);
return 0;
