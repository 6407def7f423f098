using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- --job short --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Buurtplatform.Benchmarks.CalendarBenchmarks).Assembly).Run(args);
