using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Tests.Infrastructure;

/// <summary>Captures every log message the app writes, so tests can assert what is (and is not) logged.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public string AllText => string.Join('\n', Entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}"));

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
