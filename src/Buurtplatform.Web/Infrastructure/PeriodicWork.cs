namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// The loop of the background workers (the mail outbox, the sign-up jobs, planned publishing): runs a piece
/// of work in a scope of its own every interval, timed by the app's <see cref="TimeProvider"/>, until the
/// site stops. A failed round (the database may be briefly away) is handed to the caller to log, and the
/// next round tries again, so a round must be safe to repeat. Stopping the site ends the loop quietly.
/// </summary>
/// <remarks>
/// Rounds start on a fixed beat (<see cref="PeriodicTimer"/>): a round that takes longer than the interval
/// is followed at once by the next, never by a pile of missed ones.
/// </remarks>
public sealed class PeriodicWork(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <param name="interval">Time between the starts of two rounds.</param>
    /// <param name="runAtStart">True: the first round runs at once; false: after the first interval.</param>
    /// <param name="work">One round, with the services of its own scope.</param>
    /// <param name="failed">Called with what a round threw (apart from the cancellation that stops the site).</param>
    /// <param name="stoppingToken">The worker's stopping token.</param>
    public async Task RunAsync(TimeSpan interval, bool runAtStart, Func<IServiceProvider, CancellationToken, Task> work,
        Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            if (!runAtStart)
                await timer.WaitForNextTickAsync(stoppingToken);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await work(scope.ServiceProvider, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    failed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The site stops while waiting for the next round.
        }
    }
}
