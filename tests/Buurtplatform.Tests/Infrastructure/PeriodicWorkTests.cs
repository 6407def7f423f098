using System.Collections.Concurrent;
using Buurtplatform.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Buurtplatform.Tests.Infrastructure;

/// <summary>The background workers' loop, on a clock whose timers move only when the test moves it.</summary>
public sealed class PeriodicWorkTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task TheFirstRoundRunsAtOnceThenOneEveryIntervalOfTheClock()
    {
        await using var loop = new Loop(runAtStart: true);
        await loop.RoundAsync();

        loop.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        await loop.NoRoundAsync();
        loop.Clock.Advance(TimeSpan.FromSeconds(1));
        await loop.RoundAsync();
        loop.Clock.Advance(Interval);
        await loop.RoundAsync();

        Assert.Equal(3, loop.Scopes.Distinct().Count()); // each round in a scope of its own
        await loop.StopAsync();
    }

    [Fact]
    public async Task WithoutRunAtStartTheFirstRoundWaitsOneInterval()
    {
        await using var loop = new Loop(runAtStart: false);
        await loop.NoRoundAsync();

        loop.Clock.Advance(Interval);
        await loop.RoundAsync();
        await loop.StopAsync();
    }

    [Fact]
    public async Task AFailedRoundIsReportedAndTheNextRoundRunsAsUsual()
    {
        var failures = new Queue<Exception>([new InvalidOperationException("database away"), new OperationCanceledException("a timeout of its own")]);
        await using var loop = new Loop(runAtStart: true, round: _ => failures.TryDequeue(out var e) ? throw e : Task.CompletedTask);
        await loop.RoundAsync();
        loop.Clock.Advance(Interval);
        await loop.RoundAsync();
        loop.Clock.Advance(Interval);
        await loop.RoundAsync();

        await loop.StopAsync();
        Assert.Equal(["database away", "a timeout of its own"], loop.Failures.Select(e => e.Message));
    }

    [Fact]
    public async Task StoppingWhileWaitingEndsTheLoopQuietly()
    {
        await using var loop = new Loop(runAtStart: true);
        await loop.RoundAsync();

        await loop.StopAsync();
        Assert.Empty(loop.Failures);
    }

    [Fact]
    public async Task StoppingDuringARoundEndsTheLoopQuietly()
    {
        await using var loop = new Loop(runAtStart: true, round: ct => Task.Delay(Timeout.Infinite, ct));
        await loop.RoundAsync();

        await loop.StopAsync();
        Assert.Empty(loop.Failures);
    }

    /// <summary>A running <see cref="PeriodicWork"/> whose rounds the test counts.</summary>
    private sealed class Loop : IAsyncDisposable
    {
        private readonly SemaphoreSlim _rounds = new(0);
        private readonly CancellationTokenSource _stopping = new();
        private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
        private readonly Task _running;

        public Loop(bool runAtStart, Func<CancellationToken, Task>? round = null)
        {
            var work = new PeriodicWork(_services.GetRequiredService<IServiceScopeFactory>(), Clock);
            _running = work.RunAsync(Interval, runAtStart,
                (services, ct) =>
                {
                    Scopes.Add(services);
                    _rounds.Release();
                    return round?.Invoke(ct) ?? Task.CompletedTask;
                },
                Failures.Enqueue, _stopping.Token);
        }

        public FakeTimeProvider Clock { get; } = new();

        public ConcurrentBag<IServiceProvider> Scopes { get; } = [];

        public ConcurrentQueue<Exception> Failures { get; } = new();

        public async Task RoundAsync() =>
            Assert.True(await _rounds.WaitAsync(TimeSpan.FromSeconds(10)), "a round should have started");

        /// <summary>The loop runs on other threads: give it a moment in which a wrong round would show.</summary>
        public async Task NoRoundAsync() =>
            Assert.False(await _rounds.WaitAsync(TimeSpan.FromMilliseconds(200)), "no round should have started");

        /// <summary>Stops the site; the loop must end without throwing.</summary>
        public async Task StopAsync()
        {
            await _stopping.CancelAsync();
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync();
            await _services.DisposeAsync();
            _stopping.Dispose();
            _rounds.Dispose();
        }
    }
}
